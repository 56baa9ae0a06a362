/** The HTML shell: the config as inert JSON (never executed), then the bundle. */
export function explorerPage(config: { endpoint: string; defaultQuery: string }): string {
  // `<` escaped so an operation containing `</script>` cannot end the element early.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Commerce supergraph explorer</title>
<link rel="stylesheet" href="/explorer/assets/explorer.css">
<style>html, body, #explorer { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="explorer"></div>
<script type="application/json" id="explorer-config">${json}</script>
<script type="module" src="/explorer/assets/explorer.js"></script>
</body>
</html>
`;
}
