/** The compact control bar of an embed: only the controls its host asked for. */
import { useShallow } from 'zustand/react/shallow';
import type { LabelSource } from '../engine/api';
import { AttackModeSelect, EpsSlider } from '../features/image-panel/EpsSlider';
import { selectModels, useAppStore, type AppState, type ViewTab } from '../state';
import { NumberField } from '../ui/NumberField';
import { Select } from '../ui/Select';
import { VIEWS } from '../app/views';
import type { EmbedControl } from './controls';

const VIEW_OPTIONS = VIEWS.map((v) => ({ value: v.id, label: v.label }));
const LABEL_OPTIONS: { value: LabelSource; label: string }[] = [
  { value: 'true', label: 'true label' },
  { value: 'predicted', label: 'predicted label' },
];

const select = (s: AppState) => ({
  eps: s.eps,
  modelId: s.selectedModelId ?? '',
  models: selectModels(s),
  selectModel: s.selectModel,
  index: s.selectedIndex,
  selectIndex: s.selectIndex,
  labelSource: s.labelSource,
  setLabelSource: s.setLabelSource,
  view: s.activeTab,
  setView: s.setActiveTab,
});

export function EmbedControls({ controls }: { controls: readonly EmbedControl[] }) {
  const c = useAppStore(useShallow(select));
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
        <EpsSlider label="ε" testId="embed-eps">
          <output data-testid="embed-eps-value">{c.eps}</output>
        </EpsSlider>
      )}
      {show('attack') && <AttackModeSelect testId="embed-attack" />}
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
