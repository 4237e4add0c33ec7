// A static single-page app: pages are rendered in the browser only (IndexedDB lives there),
// and each route is prerendered as an empty shell so any static server can host the build.
export const ssr = false;
export const prerender = true;
export const trailingSlash = 'never';
