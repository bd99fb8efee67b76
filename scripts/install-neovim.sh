#!/usr/bin/env bash
# Installs, on demand, the peer editor the language server is tested in (test/neovim): Debian's
# `neovim`. Safe to run again: nothing is done when `nvim` is already there.
set -euo pipefail
if command -v nvim >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ]; then
  echo "[neovim] apt-get install neovim"
  # Another apt-get may hold the lock (a parallel job on the same machine): wait for it.
  for _ in 1 2 3 4 5; do
    if DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=60 install -y -qq --no-install-recommends neovim >/dev/null 2>&1; then
      exit 0
    fi
    apt-get update -qq >/dev/null 2>&1 || true
    sleep 5
  done
  echo "[neovim] could not install neovim" >&2
  exit 1
else
  echo "[neovim] Neovim is missing: sudo apt-get install neovim, then run again" >&2
  exit 1
fi
