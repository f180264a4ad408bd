#!/usr/bin/env node
// `npx pype-lifecycle` and node_modules/.bin/pype-lifecycle land here; the launcher lives in bin/.
'use strict';
require('../bin/pype-lifecycle.js');
