/** The compact control bar of an embed: only the controls its host asked for. */
import { useShallow } from 'zustand/react/shallow';
import { ATTACK_MODES, type AttackMode, type LabelSource } from '../engine/api';
import { ATTACK_MODE_LABELS } from '../features/image-panel/attackModes';
import {
  formatEps255,
  selectEpsRange,
  selectModels,
  useAppStore,
  type AppState,
  type ViewTab,
} from '../state';
import { NumberField } from '../ui/NumberField';
import { Select } from '../ui/Select';
import { Slider } from '../ui/Slider';
import { VIEWS } from '../app/views';
import type { EmbedControl } from './controls';

const MODE_OPTIONS = ATTACK_MODES.map((m) => ({ value: m, label: ATTACK_MODE_LABELS[m] }));
const VIEW_OPTIONS = VIEWS.map((v) => ({ value: v.id, label: v.label }));
const LABEL_OPTIONS: { value: LabelSource; label: string }[] = [
  { value: 'true', label: 'true label' },
  { value: 'predicted', label: 'predicted label' },
];

const select = (s: AppState) => ({
  eps: s.eps,
  setEps: s.setEps,
  modelId: s.selectedModelId ?? '',
  models: selectModels(s),
  selectModel: s.selectModel,
  index: s.selectedIndex,
  selectIndex: s.selectIndex,
  attackMode: s.attackMode,
  setAttackMode: s.setAttackMode,
  labelSource: s.labelSource,
  setLabelSource: s.setLabelSource,
  view: s.activeTab,
  setView: s.setActiveTab,
});

export function EmbedControls({ controls }: { controls: readonly EmbedControl[] }) {
  const c = useAppStore(useShallow(select));
  const range = useAppStore(selectEpsRange);
  if (controls.length === 0) return null;
  const show = (name: EmbedControl) => controls.includes(name);
  return (
    <div className="ae-embed__controls" role="group" aria-label="Settings">
      {show('model') && (
        <Select
          label="Model"
          value={c.modelId}
          options={c.models.map((m) => ({ value: m.id, label: m.title }))}
          onChange={c.selectModel}
          testId="embed-model"
        />
      )}
      {show('image') && (
        <NumberField
          label="Test image"
          value={c.index}
          min={0}
          step={1}
          size={6}
          onChange={c.selectIndex}
          testId="embed-image"
        />
      )}
      {show('eps') && (
        <Slider
          label="ε"
          value={c.eps}
          min={range.min}
          max={range.max}
          step={range.step}
          onChange={c.setEps}
          valueText={`${c.eps}, ${formatEps255(c.eps).replace('/', ' of ')}`}
          testId="embed-eps"
        >
          <output data-testid="embed-eps-value">{c.eps}</output>
        </Slider>
      )}
      {show('attack') && (
        <Select<AttackMode>
          label="Attack"
          value={c.attackMode}
          options={MODE_OPTIONS}
          onChange={c.setAttackMode}
          testId="embed-attack"
        />
      )}
      {show('label') && (
        <Select<LabelSource>
          label="Loss label"
          value={c.labelSource}
          options={LABEL_OPTIONS}
          onChange={c.setLabelSource}
          testId="embed-label"
        />
      )}
      {show('view') && (
        <Select<ViewTab>
          label="View"
          value={c.view}
          options={VIEW_OPTIONS}
          onChange={c.setView}
          testId="embed-view"
        />
      )}
    </div>
  );
}
