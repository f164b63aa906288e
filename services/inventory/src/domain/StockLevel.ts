/** Stock of one product: `initial = available + reserved + sold` always holds. */
export interface StockLevel {
  readonly productId: string;
  readonly available: number;
  readonly reserved: number;
  readonly sold: number;
}
