#!/bin/sh
# `prisma generate` insists on a native schema engine it never runs for generation, and the native
# binary cannot be downloaded here. Pointing PRISMA_SCHEMA_ENGINE_BINARY at this stub satisfies it;
# migrations go through the wasm engine instead (apps/hub/src/infra/database/schema-engine.ts).
exit 1
