/** A rectangle in diagram units, from the diagram's top left corner (or, in a face, from its component's). */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}
