export { createExplorer, type Explorer, type ExplorerOptions } from './explorer-handler';
export { buildExplorerAssets, type ExplorerAsset } from './build-explorer';
