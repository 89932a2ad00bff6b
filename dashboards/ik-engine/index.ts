import { Dashboard } from '../../lib';
import { ikEngineAuth } from './auth';
import { ikEngineDatabase } from './database';
import { ikEngineStarterDashboard } from './ik-dashboard';
import { ikEngineMediaPipeline } from './media-pipeline';
import { ikEngineOverview } from './overview';
import { ikEngineRateLimiting } from './rate-limiting';
import { ikEngineSlos } from './slos';

export { ikEngineAuth, ikEngineDatabase, ikEngineMediaPipeline, ikEngineOverview, ikEngineRateLimiting, ikEngineSlos, ikEngineStarterDashboard };

/**
 * The ik-engine dashboards, in the order their panels claim alerts: the overview
 * first, then the topical ones; the spec's starter dashboard last, so the alerts it
 * also draws link to their topical panels.
 */
export const ikEngineDashboards: readonly Dashboard[] = [
  ikEngineOverview,
  ikEngineMediaPipeline,
  ikEngineRateLimiting,
  ikEngineAuth,
  ikEngineDatabase,
  ikEngineSlos,
  ikEngineStarterDashboard,
];
