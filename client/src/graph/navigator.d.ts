declare module 'cytoscape-navigator' {
  import type cytoscape from 'cytoscape';
  const navigator: (cy: typeof cytoscape) => void;
  export default navigator;
}
