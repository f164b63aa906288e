/** One point per whole currency unit spent. */
export const pointsFor = (totalCents: number): number => Math.floor(totalCents / 100);
