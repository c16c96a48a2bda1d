/** The five phases of one online step, in the order the lesson reveals them. */
export const PHASES = ['row', 'distances', 'bmu', 'neighborhood', 'update'];
