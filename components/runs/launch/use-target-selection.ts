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
  const byId = useMemo(() => new Map(offerings.map((o) => [o.id, o])), [offerings]);
  const models = useMemo(() => modelChoices(offerings), [offerings]);
  const [followed, setFollowed] = useState<string[]>(initial?.followedModelIds ?? []);
  // A followed model shows its offerings ticked, as "add a model" ticks them, so that to stop
  // following it leaves the same targets chosen.
  const [selected, setSelected] = useState<string[]>(() => [
    ...(initial?.offeringIds ?? []),
    ...models
      .filter((model) => initial?.followedModelIds.includes(model.modelId))
      .flatMap((model) => onePerPlatform(model).map((o) => o.id))
      .filter((id) => !initial?.offeringIds.includes(id)),
  ]);
  const [chosenModels, setChosenModels] = useState<string[]>(initial?.followedModelIds ?? []);
  const [policies, setPolicies] = useState<PolicyTarget[]>(initial?.policies ?? []);
  const [savedSelected, setSavedSelected] = useState<string[]>(initial?.savedPolicyIds ?? []);
  const [routerSelected, setRouterSelected] = useState<string[]>(
    initial?.routers.map(routerKey) ?? [],
  );
  const chosenRouters = routers.filter((router) => routerSelected.includes(routerKey(router)));

  const targets: RunTargetInput[] = useMemo(
    () => [
      ...followed.map((modelId) => ({ kind: "model" as const, modelId })),
      ...selected
        .filter((id) => !followed.includes(byId.get(id)?.modelId ?? ""))
        .map((offeringId) => ({ kind: "offering" as const, offeringId })),
      ...policies.map((target) => ({ kind: "policy" as const, ...target })),
      ...savedSelected.map((savedPolicyId) => ({ kind: "saved-policy" as const, savedPolicyId })),
      ...routers
        .filter((router) => routerSelected.includes(routerKey(router)))
        .map(({ routerId, mode }) => ({ kind: "router" as const, routerId, mode })),
    ],
    [followed, selected, byId, policies, savedSelected, routers, routerSelected],
  );

  const chosen: ChosenTarget[] = [
    ...followed.map((modelId) => ({
      key: `model-${modelId}`,
      label: `${models.find((m) => m.modelId === modelId)?.modelName ?? modelId} on every platform at each run`,
      onRemove: () => {
        setFollowed((current) => current.filter((id) => id !== modelId));
        setChosenModels((current) => current.filter((id) => id !== modelId));
        setSelected((current) => current.filter((id) => byId.get(id)?.modelId !== modelId));
      },
    })),
    ...selected
      .filter((id) => !followed.includes(byId.get(id)?.modelId ?? ""))
      .map((id) => ({
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
    followed,
    /** Follows a chosen model (each launch takes every platform selling it then), or stops. */
    setFollowing(modelId: string, isFollowing: boolean) {
      setFollowed((current) =>
        isFollowing
          ? current.includes(modelId)
            ? current
            : [...current, modelId]
          : current.filter((id) => id !== modelId),
      );
    },
    removeModel(modelId: string) {
      setFollowed((current) => current.filter((id) => id !== modelId));
      setChosenModels((current) => current.filter((id) => id !== modelId));
      setSelected((current) => current.filter((id) => byId.get(id)?.modelId !== modelId));
    },
    toggleOffering: (id: string) => setSelected((current) => toggle(current, id)),
    addPolicy: (target: PolicyTarget) => setPolicies((current) => [...current, target]),
    toggleSaved: (id: string) => setSavedSelected((current) => toggle(current, id)),
    toggleRouter: (key: string) => setRouterSelected((current) => toggle(current, key)),
  };
}
