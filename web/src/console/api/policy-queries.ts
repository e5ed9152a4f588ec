/** Hooks over the policy engine's endpoints: presets, value lists, versions and their changes, publishing, the simulator. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { query } from '../../api/http.ts';
import type { PolicyDocument } from '../../api/types.ts';
import { api, idempotencyKey } from './client.ts';
import type { PolicyChanges, PolicyDraft, PolicyPreset, PolicyVersion, ProcessDraft, RuleOptions, SimulateBody, Simulation } from './policy-types.ts';

export function usePresets() {
  return useQuery({
    queryKey: ['policy', 'presets'],
    queryFn: ({ signal }) => api.get<{ data: PolicyPreset[] }>('policy/presets', signal),
    staleTime: Infinity,
  });
}

export function useRuleOptions() {
  return useQuery({ queryKey: ['policy', 'rule-options'], queryFn: ({ signal }) => api.get<RuleOptions>('policy/rule-options', signal), staleTime: 60_000 });
}

export function usePolicyVersions() {
  return useQuery({ queryKey: ['policy', 'versions'], queryFn: ({ signal }) => api.get<{ data: PolicyVersion[] }>('policy/versions', signal) });
}

export function usePolicyChanges(version: number | null) {
  return useQuery({
    queryKey: ['policy', 'changes', version],
    queryFn: ({ signal }) => api.get<PolicyChanges>(`policy/versions/${version}/changes${query({})}`, signal),
    enabled: version !== null,
    staleTime: Infinity,
  });
}

/** Publishes the draft as the next version (the whole policy: fields left out would keep their value anyway). */
export function usePublishPolicy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (draft: PolicyDraft) => api.put<PolicyDocument>('policy', draft),
    onSuccess: async (document) => {
      client.setQueryData(['policy'], document);
      await client.invalidateQueries({ queryKey: ['policy', 'versions'] });
    },
  });
}

/** Applies a preset: published at once as the next version. */
export function useApplyPreset() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api.post<PolicyDocument>(`policy/presets/${code}/apply`, {}, idempotencyKey()),
    onSuccess: async (document) => {
      client.setQueryData(['policy'], document);
      await client.invalidateQueries({ queryKey: ['policy', 'versions'] });
    },
  });
}

export function useSimulate() {
  return useMutation({ mutationFn: (body: SimulateBody) => api.post<Simulation>('policy/simulate', body) });
}

/** Publishes a designed process (stages and automations). */
export function usePublishProcess() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (draft: ProcessDraft) => api.put<ProcessDraft & { version: number }>('process', draft),
    onSuccess: async (document) => {
      client.setQueryData(['process', 'definition'], document);
      await client.invalidateQueries({ queryKey: ['process'], exact: true });
    },
  });
}

/** The process definition in force (stages and automations), for the designer. */
export function useProcessDefinition() {
  return useQuery({ queryKey: ['process', 'definition'], queryFn: ({ signal }) => api.get<ProcessDraft & { version: number }>('process', signal) });
}

/** Staff an automation may assign a stage to. */
export function useAssignees() {
  return useQuery({
    queryKey: ['process', 'assignees'],
    queryFn: ({ signal }) => api.get<{ data: { id: string; name: string; roles: string[] }[] }>('process/assignees', signal),
    staleTime: 60_000,
  });
}
