import { defineTable } from './schema';

/**
 * Product usage from Google Analytics 4 (syncAnalytics): one row per day and dimension — `newVsReturning:new`,
 * `newVsReturning:returning`, `eventName:<key event>` — so a rerun updates a row and never adds a second one.
 * `Status` is `processing` while GA4 may still change the day (24–48 hours), `final` after.
 */
export const ANALYTICS = defineTable({
  name: 'Analytics',
  columns: [
    { key: 'date', header: 'Date', type: 'date', required: true, width: 100 },
    { key: 'dimension', header: 'Dimension', type: 'text', required: true, width: 220 },
    { key: 'activeUsers', header: 'Active Users', type: 'integer', width: 100 },
    { key: 'engagementRate', header: 'Engagement Rate', type: 'percent', width: 120 },
    { key: 'averageSessionDuration', header: 'Avg Session Duration (s)', type: 'number', width: 170 },
    { key: 'bounceRate', header: 'Bounce Rate', type: 'percent', width: 100 },
    { key: 'eventCount', header: 'Event Count', type: 'integer', width: 100 },
    { key: 'keyEvents', header: 'Key Events', type: 'integer', width: 100 },
    { key: 'status', header: 'Status', type: 'text', width: 100 },
  ],
  key: ['date', 'dimension'],
});

/**
 * The application's last 24 hours per monitoring service (syncMonitoring): one row per day and service, updated
 * by a rerun the same day. `Error Rate` is a fraction (errors ÷ requests), as every rate in the workbook.
 */
export const SERVICE_HEALTH = defineTable({
  name: 'Service Health',
  columns: [
    { key: 'date', header: 'Date', type: 'date', required: true, width: 100 },
    { key: 'service', header: 'Service', type: 'text', required: true, width: 110 },
    { key: 'cpuPercent', header: 'CPU %', type: 'number', width: 80 },
    { key: 'memoryMb', header: 'Memory (MB)', type: 'number', width: 110 },
    { key: 'responseTimeMs', header: 'Response Time (ms)', type: 'number', width: 150 },
    { key: 'errorCount', header: 'Error Count', type: 'integer', width: 100 },
    { key: 'requestCount', header: 'Request Count', type: 'integer', width: 110 },
    { key: 'errorRate', header: 'Error Rate', type: 'percent', width: 100 },
    { key: 'checkedAt', header: 'Checked At', type: 'datetime', width: 140 },
  ],
  key: ['date', 'service'],
});

export const OBSERVABILITY_TABLES = [ANALYTICS, SERVICE_HEALTH] as const;
