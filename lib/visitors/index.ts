// Visitors (the API's contacts) and their data rights: list and read them, export everything
// stored about one, erase one completely (or many: retention).
export { listVisitors } from './list-visitors';
export { getVisitor } from './get-visitor';
export { exportVisitorData } from './export-visitor-data';
export { deleteVisitor } from './delete-visitor';
export { eraseVisitors } from './erase-visitors';
