//! Collision resolution (to come).
