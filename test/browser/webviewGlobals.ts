// The webviews' test hooks (window.__reflectionLens, window.__reflectionLensTraining) are declared
// by their entry points; these type-only imports bring those declarations into the test project,
// which sees the webviews only through their declaration files (test/tsconfig.json).
import type {} from '../../media/calibration/main.js';
import type {} from '../../media/training/main.js';
