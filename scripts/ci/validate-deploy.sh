#!/usr/bin/env bash
# Validates the deployment files a team copies (README: "Run it for a team"):
# - deploy/compose.yaml with `docker-compose config` (Debian's docker-compose),
#   filled from deploy/.env.example as a user's deploy/.env would be;
# - deploy/Caddyfile with `caddy validate` (Debian's caddy);
# - deploy/kubernetes/*.yaml against the Kubernetes API's JSON schemas, and for
#   unknown fields, with scripts/ci/validate-kubernetes.mjs (kubernetes-models
#   and yaml from npm, installed into a scratch folder, not the project).
# Needs the project's dependencies installed (it uses their TypeScript).
# Installs missing Debian packages when run as root (CI); exits non-zero on any problem.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

need=()
command -v docker-compose >/dev/null || need+=(docker-compose)
command -v caddy >/dev/null || need+=(caddy)
if ((${#need[@]})); then
  if [[ $(id -u) != 0 ]]; then
    echo "validate-deploy: install ${need[*]} (Debian packages) first" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

echo "--- deploy/compose.yaml (docker-compose config, with deploy/.env.example as deploy/.env)"
# A copy, so a user's own deploy/.env is neither needed nor read.
mkdir -p "$scratch/compose"
cp -r deploy "$scratch/compose/deploy"
cp Dockerfile "$scratch/compose/"
cp deploy/.env.example "$scratch/compose/deploy/.env"
docker-compose -f "$scratch/compose/deploy/compose.yaml" config >"$scratch/compose.out"
services=$(docker-compose -f "$scratch/compose/deploy/compose.yaml" config --services | sort | tr '\n' ' ')
expected="caddy gateway-1 gateway-2 migrate postgres "
if [[ $services != "$expected" ]]; then
  echo "compose services are \"$services\", expected \"$expected\"" >&2
  exit 1
fi
echo "valid: services $services"

echo "--- deploy/Caddyfile (caddy validate)"
DESKGATE_DOMAIN=mcp.example.com caddy validate --adapter caddyfile --config deploy/Caddyfile 2>"$scratch/caddy.log" ||
  { cat "$scratch/caddy.log" >&2; exit 1; }


echo "--- deploy/kubernetes (Kubernetes API schemas, no unknown fields)"
mkdir -p "$scratch/k8s"
(cd "$scratch/k8s" && npm install --no-audit --no-fund --no-save --loglevel=error kubernetes-models@5.1.0 yaml@2.9.1 >/dev/null 2>&1) ||
  { echo "validate-deploy: npm could not install kubernetes-models and yaml" >&2; exit 1; }
cp scripts/ci/validate-kubernetes.mjs "$scratch/k8s/"
node "$scratch/k8s/validate-kubernetes.mjs" deploy/kubernetes "$root/node_modules/typescript/bin/tsc"
