/** The headline strip: six stats of 4 columns, short. */
export const headline = { width: 4, height: 4 } as const;
