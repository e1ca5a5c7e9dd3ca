import { Alert, Form, Modal, message, Select } from 'antd';
import { useState } from 'react';
import type { LiaisonCompliance, LiaisonKind } from '#contracts/performance.ts';
import { ApiError } from '../../../app/api.ts';
import { useAsync } from '../../../ui/useAsync.ts';
import { fetchCommunities, fetchStaff, linkLiaison } from '../api/performance.api.ts';

type Liaison = LiaisonCompliance['liaisons'][number];

interface LinkValues {
  staffMemberId?: number;
  communityId?: number;
}

/** 挂点关联: an administrator links a city leader or department head to one community (or moves them). */
export function LiaisonLinkForm({
  open,
  liaisons,
  onClose,
  onLinked,
}: {
  open: boolean;
  liaisons: Liaison[];
  onClose: () => void;
  onLinked: () => void;
}) {
  const [form] = Form.useForm<LinkValues>();
  const [saving, setSaving] = useState(false);
  const candidates = useAsync(open ? 'liaison-candidates' : null, async (signal) => {
    const [leaders, heads, communities] = await Promise.all([
      fetchStaff({ kind: 'city_leader' }, signal),
      fetchStaff({ kind: 'department_staff' }, signal),
      fetchCommunities(signal),
    ]);
    const staff = [
      ...leaders.staff.map((s) => ({ ...s, liaisonKind: 'city_leader' as LiaisonKind })),
      ...heads.staff.map((s) => ({ ...s, liaisonKind: 'department_head' as LiaisonKind })),
    ];
    return { staff, communities };
  });
  const staffMemberId = Form.useWatch('staffMemberId', form);
  const current = liaisons.find((l) => l.staffMemberId === staffMemberId);

  const submit = async (values: LinkValues) => {
    const staff = candidates.data?.staff.find((s) => s.id === values.staffMemberId);
    if (!staff || values.communityId === undefined) return;
    setSaving(true);
    try {
      await linkLiaison({
        staffMemberId: staff.id,
        communityId: values.communityId,
        kind: staff.liaisonKind,
      });
      void message.success('挂点关联已保存');
      form.resetFields();
      onClose();
      onLinked();
    } catch (error) {
      void message.error(error instanceof ApiError ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title="挂点关联"
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<LinkValues> form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="staffMemberId"
          label="市级领导或部门负责人"
          rules={[{ required: true, message: '请选择' }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            loading={candidates.loading}
            placeholder="选择人员"
            options={[
              {
                label: '市级领导',
                options: (candidates.data?.staff ?? [])
                  .filter((s) => s.liaisonKind === 'city_leader')
                  .map((s) => ({ value: s.id, label: s.name })),
              },
              {
                label: '部门负责人',
                options: (candidates.data?.staff ?? [])
                  .filter((s) => s.liaisonKind === 'department_head')
                  .map((s) => ({ value: s.id, label: s.name })),
              },
            ]}
            onChange={(id: number) => {
              const linked = liaisons.find((l) => l.staffMemberId === id);
              form.setFieldValue('communityId', linked?.communityId);
            }}
          />
        </Form.Item>
        {current && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            message={`现联系 ${current.communityName}；保存后改为下面选择的社区（已记录的走访不变）。`}
          />
        )}
        <Form.Item name="communityId" label="联系社区" rules={[{ required: true, message: '请选择社区' }]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={candidates.loading}
            placeholder="选择社区"
            options={(candidates.data?.communities ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
