// On a page served with `?tt=default` (a Trusted Types allow-list of only `default`): the
// site's own default policy, created before the element is loaded. It lets HTML through as
// it is (a real site's would sanitize); elsewhere this script does nothing.
if (new URLSearchParams(location.search).get('tt') === 'default') {
  trustedTypes.createPolicy('default', { createHTML: (html) => html });
}
