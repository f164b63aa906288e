/** Groups free-text cancellation reasons into a small, fixed set: a safe metric dimension. */
export const compensationCategory = (reason: string): 'inventory' | 'payment' | 'timeout' | 'other' => {
  if (reason === 'timeout') return 'timeout';
  if (reason.startsWith('Inventory reservation failed')) return 'inventory';
  if (reason.startsWith('Payment failed')) return 'payment';
  return 'other';
};
