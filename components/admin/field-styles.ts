/** Shared look of plain inputs, selects and text areas in the admin pages. */
export const inputClass =
  'w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-sm shadow-xs focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/20';
export const labelClass = 'mb-1 block text-sm font-medium text-stone-700';
