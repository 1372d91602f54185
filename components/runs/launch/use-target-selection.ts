"use client";

import { useMemo, useState } from "react";

import { TARGET_POLICY_LABELS, type LaunchDraft, type RunTargetInput } from "@/lib/schemas/runs";
import {
  modelChoices,
  onePerPlatform,
  type LaunchOffering,
  type LaunchRouter,
  type LaunchSavedPolicy,
} from "@/lib/views/launch";
import type { ChosenTarget } from "./chosen-targets";
import type { PolicyTarget } from "./policy-builder";
import { routerKey } from "./router-targets";

const toggle = (list: string[], id: string) =>
  list.includes(id) ? list.filter((item) => item !== id) : [...list, id];

/**
 * What the run will target: offerings (by model on every platform, or one by one), routing
 * policies, saved policies and the clouds' own routers; as the launch input and as removable chips.
 */
export function useTargetSelection({
  offerings,
  savedPolicies,
  routers,
  initial,
}: {
  offerings: LaunchOffering[];
  savedPolicies: LaunchSavedPolicy[];
  routers: LaunchRouter[];
  initial?: LaunchDraft;
}) {
  const [selected, setSelected] = useState<string[]>(initial?.offeringIds ?? []);
  const [chosenModels, setChosenModels] = useState<string[]>([]);
  const [policies, setPolicies] = useState<PolicyTarget[]>(initial?.policies ?? []);
  const [savedSelected, setSavedSelected] = useState<string[]>(initial?.savedPolicyIds ?? []);
  const [routerSelected, setRouterSelected] = useState<string[]>(
    initial?.routers.map(routerKey) ?? [],
  );
  const byId = useMemo(() => new Map(offerings.map((o) => [o.id, o])), [offerings]);
  const models = useMemo(() => modelChoices(offerings), [offerings]);
  const chosenRouters = routers.filter((router) => routerSelected.includes(routerKey(router)));

  const targets: RunTargetInput[] = useMemo(
    () => [
      ...selected.map((offeringId) => ({ kind: "offering" as const, offeringId })),
      ...policies.map((target) => ({ kind: "policy" as const, ...target })),
      ...savedSelected.map((savedPolicyId) => ({ kind: "saved-policy" as const, savedPolicyId })),
      ...routers
        .filter((router) => routerSelected.includes(routerKey(router)))
        .map(({ routerId, mode }) => ({ kind: "router" as const, routerId, mode })),
    ],
    [selected, policies, savedSelected, routers, routerSelected],
  );

  const chosen: ChosenTarget[] = [
    ...selected.map((id) => ({
      key: id,
      label: byId.get(id)?.label ?? id,
      onRemove: () => setSelected((current) => current.filter((x) => x !== id)),
    })),
    ...policies.map((target, index) => ({
      key: `${target.policy}-${target.offeringIds.join(",")}`,
      label: `${TARGET_POLICY_LABELS[target.policy]}: ${target.offeringIds.map((id) => byId.get(id)?.label ?? id).join(", ")}`,
      onRemove: () => setPolicies((current) => current.filter((_, i) => i !== index)),
    })),
    ...chosenRouters.map((router) => ({
      key: `router-${routerKey(router)}`,
      label: router.label,
      onRemove: () =>
        setRouterSelected((current) => current.filter((x) => x !== routerKey(router))),
    })),
    ...savedSelected.map((id) => ({
      key: `saved-${id}`,
      label: `Saved policy: ${savedPolicies.find((p) => p.id === id)?.name ?? id}`,
      onRemove: () => setSavedSelected((current) => current.filter((x) => x !== id)),
    })),
  ];

  return {
    models,
    selected,
    chosenModels,
    routerSelected,
    savedSelected,
    targets,
    chosen,
    /** Adds a model: its offering on every platform, one per platform, ticked. */
    addModel(modelId: string) {
      const model = models.find((m) => m.modelId === modelId);
      if (!model) return;
      setChosenModels((current) => (current.includes(modelId) ? current : [...current, modelId]));
      setSelected((current) => [
        ...current,
        ...onePerPlatform(model)
          .map((o) => o.id)
          .filter((id) => !current.includes(id)),
      ]);
    },
    removeModel(modelId: string) {
      setChosenModels((current) => current.filter((id) => id !== modelId));
      setSelected((current) => current.filter((id) => byId.get(id)?.modelId !== modelId));
    },
    toggleOffering: (id: string) => setSelected((current) => toggle(current, id)),
    addPolicy: (target: PolicyTarget) => setPolicies((current) => [...current, target]),
    toggleSaved: (id: string) => setSavedSelected((current) => toggle(current, id)),
    toggleRouter: (key: string) => setRouterSelected((current) => toggle(current, key)),
  };
}
