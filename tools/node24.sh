# Source this (`. tools/node24.sh`) to run the project on Node 24 LTS where the system's Node is
# older. The npm registry's `node` package carries the binary and its headers; npm then builds
# native modules against those headers (npm_config_nodedir), not the system Node's.
# NODE24_DIR chooses where it is installed (default ~/.cache/kiosk-node24).
if node -v 2>/dev/null | grep -q '^v24\.'; then
  return 0 2>/dev/null || exit 0
fi
NODE24_DIR="${NODE24_DIR:-$HOME/.cache/kiosk-node24}"
_node24_pkg="$NODE24_DIR/node_modules/node/node_modules"
if ! ls "$_node24_pkg"/node-linux-*/bin/node >/dev/null 2>&1; then
  npm install --prefix "$NODE24_DIR" --no-audit --no-fund --loglevel=error node@24 >/dev/null
fi
_node24_home="$(ls -d "$_node24_pkg"/node-linux-* | head -n 1)"
export PATH="$_node24_home/bin:$PATH"
export npm_config_nodedir="$_node24_home"
unset _node24_pkg _node24_home
node -v | grep -q '^v24\.' || { echo "tools/node24.sh: Node 24 is not on PATH" >&2; return 1 2>/dev/null || exit 1; }
