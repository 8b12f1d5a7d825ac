// Applies the colour theme chosen with the header's switch before the first paint, so a
// returning visitor never sees the other theme flash while the app loads. The app itself
// (src/ui/header.rs) writes the choice; without one the theme follows the system setting.
try {
  var theme = localStorage.getItem('atlas-theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.setAttribute('data-theme', theme);
} catch (e) {
  // Storage refused (private browsing, blocked cookies): keep the system theme.
}
