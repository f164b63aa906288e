export interface StockLine {
  readonly productId: string;
  readonly quantity: number;
}
