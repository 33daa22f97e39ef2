"""The plan: what an import will do to each material (create / update / unchanged / withdraw)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from library_importer.importer.validate import MaterialSpec
from library_importer.models import Material

CREATE, UPDATE, UNCHANGED, WITHDRAW = "create", "update", "unchanged", "withdraw"
ACTIONS = (CREATE, UPDATE, UNCHANGED, WITHDRAW)


@dataclass(frozen=True, slots=True)
class Step:
    action: str
    material_id: str
    spec: MaterialSpec | None = None  # None for a withdrawal


@dataclass
class Plan:
    steps: list[Step]
    # Published materials the source no longer lists, kept because --prune was not given.
    not_in_source: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(step.action for step in self.steps)
        return {action: counted.get(action, 0) for action in ACTIONS}

    @property
    def changes(self) -> list[Step]:
        return [step for step in self.steps if step.action != UNCHANGED]


def build_plan(specs: list[MaterialSpec], *, prune: bool, keep_ids: set[str] = frozenset()) -> Plan:
    """Compare the valid rows with the catalog; ``keep_ids`` (rows skipped as invalid) are never withdrawn."""
    stored = {external_id: (checksum, status) for external_id, checksum, status
              in Material.objects.values_list("external_id", "source_checksum", "status").iterator()}
    contributed = set(Material.objects.filter(origin=Material.Origin.CONTRIBUTED).values_list("external_id", flat=True))
    steps = []
    for spec in specs:
        current = stored.get(spec.id)
        if current is None:
            steps.append(Step(CREATE, spec.id, spec))
        elif current == (spec.checksum, Material.Status.PUBLISHED):
            steps.append(Step(UNCHANGED, spec.id, spec))
        else:
            steps.append(Step(UPDATE, spec.id, spec))
    listed = {spec.id for spec in specs} | set(keep_ids) | contributed
    absent = sorted(external_id for external_id, (_checksum, status) in stored.items()
                    if external_id not in listed and status == Material.Status.PUBLISHED)
    if prune:
        steps.extend(Step(WITHDRAW, external_id) for external_id in absent)
        absent = []
    return Plan(steps=steps, not_in_source=absent)
