import { WhatToNotice } from '../features/notice/WhatToNotice';
import { useAppStore } from '../state';
import { Tabs } from '../ui/Tabs';
import { VIEWS } from './views';

export function ViewTabs() {
  const active = useAppStore((s) => s.activeTab);
  const setActive = useAppStore((s) => s.setActiveTab);
  const entry = VIEWS.find((v) => v.id === active) ?? VIEWS[0];
  if (!entry) return null;
  return (
    <Tabs
      label="Views"
      idPrefix="ae-view"
      tabs={VIEWS}
      active={entry.id}
      onChange={setActive}
      testId="view-tabs"
    >
      <WhatToNotice view={entry.id} />
      <entry.Component />
    </Tabs>
  );
}
