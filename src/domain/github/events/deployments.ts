import type { DeliveryRecord } from '../deliveryRecord';
import type { PayloadReader } from '../payloadReader';

/** A deployment's status changed: the deployment with that status. */
export function deploymentStatusRecord(r: PayloadReader): DeliveryRecord {
  const repository = r.repository();
  const statusId = r.text('deployment_status.id');
  const state = r.text('deployment_status.state');
  const environment = r.optText('deployment.environment') ?? r.optText('deployment_status.environment') ?? '';
  const sha = r.text('deployment.sha');
  const url = r.optText('deployment_status.log_url') || r.optText('deployment_status.target_url') || '';
  return {
    event: 'deployment_status',
    action: r.optText('action') ?? '',
    repository,
    actor: r.actor(),
    ref: sha,
    title: `${environment}: ${state}`,
    url,
    dedupeKey: `deployment_status:${repository}:${statusId}`,
    facts: {
      deployments: [
        {
          repository,
          deploymentId: r.text('deployment.id'),
          environment,
          sha,
          created: r.time('deployment.created_at'),
          statuses: [{ state, at: r.time('deployment_status.created_at'), ...(url ? { url } : {}) }],
          source: 'deployment',
        },
      ],
    },
  };
}

/** A workflow run was requested, started or completed: the run. */
export function workflowRunRecord(r: PayloadReader): DeliveryRecord {
  const repository = r.repository();
  const action = r.text('action');
  const runId = r.text('workflow_run.id');
  const attempt = r.optText('workflow_run.run_attempt') ?? '1';
  const name = r.optText('workflow_run.name') || r.optText('workflow.name') || '';
  const status = r.text('workflow_run.status');
  const conclusion = r.optText('workflow_run.conclusion') ?? null;
  const sha = r.text('workflow_run.head_sha');
  return {
    event: 'workflow_run',
    action,
    repository,
    actor: r.actor(),
    ref: sha,
    title: `${name}: ${conclusion ?? status}`,
    url: r.text('workflow_run.html_url'),
    dedupeKey: `workflow_run:${repository}:${runId}:${attempt}:${action}`,
    facts: {
      runs: [
        {
          repository,
          runId,
          name,
          status,
          conclusion,
          sha,
          started: r.optTime('workflow_run.run_started_at') ?? r.time('workflow_run.created_at'),
          updated: r.time('workflow_run.updated_at'),
          url: r.text('workflow_run.html_url'),
        },
      ],
    },
  };
}
