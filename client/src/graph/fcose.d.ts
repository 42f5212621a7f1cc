declare module 'cytoscape-fcose' {
  import type { Ext } from 'cytoscape';
  const fcose: Ext;
  export default fcose;
}

declare module 'cose-base' {
  /** The constants fcose's CoSE step reads (module-wide), and its layout class. */
  const coseBase: {
    layoutBase: { FDLayoutConstants: { CONVERGENCE_CHECK_PERIOD: number } };
    CoSELayout: {
      prototype: { initSpringEmbedder(this: { maxIterations: number; maxCoolingCycle: number }): void };
    };
  };
  export default coseBase;
}
