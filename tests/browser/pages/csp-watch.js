// Test harness, loaded first (a classic script): records every CSP violation on the page.
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__violations.push(
    `${e.effectiveDirective}: ${e.blockedURI || '(inline)'} ${e.sample || ''}`.trim(),
  );
});
