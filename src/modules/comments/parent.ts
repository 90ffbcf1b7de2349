/** The record a comment or attachment belongs to. */
export interface ParentRef {
  kind: string;
  id: string;
}
