// What the analytics page shows: SQL aggregates over a site's conversations in a date range.
export { siteAnalytics } from './site-analytics';
export { recentRange } from './range';
