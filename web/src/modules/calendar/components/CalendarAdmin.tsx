import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { CalendarYear } from '#contracts';
import { calendarLimits } from '#contracts/limits.ts';
import { ApiError } from '../../../app/api.ts';
import { useI18n } from '../../../app/i18n.ts';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { usePickerLocale } from '../../../ui/pickerLocale.ts';
import { useAsync } from '../../../ui/useAsync.ts';
import { fetchCalendarYears, saveCalendarYear } from '../api/calendar.api.ts';

/**
 * 工作日历: each year's statutory holidays (休) and make-up working days (调休上班), as published by
 * the General Office of the State Council each November. Deadlines in working hours and days run on
 * it; a year that is not loaded is flagged wherever a deadline falls in it, and this page says so.
 */

const DATE = 'YYYY-MM-DD';
const shortDate = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

interface FormValues {
  loaded: boolean;
  source: string;
  holidays: { name: string; range: [Dayjs, Dayjs] }[];
  makeUpWorkdays: { name: string; date: Dayjs }[];
}

export function CalendarAdmin() {
  const { locale } = useI18n();
  const years = useAsync('calendar-years', fetchCalendarYears);
  const [editing, setEditing] = useState<{ year: number; data: CalendarYear | null } | null>(null);
  const [newYear, setNewYear] = useState<number | null>(null);
  const list = years.data;
  const missing = list?.missingYears ?? [];

  const columns: TableColumnsType<CalendarYear> = [
    { title: '年份', dataIndex: 'year', width: 80, render: (year: number) => <strong>{year}</strong> },
    {
      title: '状态',
      dataIndex: 'loaded',
      width: 110,
      render: (loaded: boolean, y) =>
        loaded ? (
          <Tag color="green">已加载</Tag>
        ) : (
          <Tag color={missing.includes(y.year) ? 'red' : 'default'}>未加载</Tag>
        ),
    },
    {
      title: '法定节假日（休）',
      render: (_, y) =>
        y.holidays.length === 0 ? (
          <span className="jz-muted">—</span>
        ) : (
          <Space size={[4, 4]} wrap>
            {y.holidays.map((h) => (
              <Tag key={`${h.name}-${h.from}`}>
                {h.name} {shortDate(h.from)}
                {h.to !== h.from ? `–${shortDate(h.to)}` : ''}
              </Tag>
            ))}
            <span className="jz-muted jz-small">共 {y.holidayDays} 天</span>
          </Space>
        ),
    },
    {
      title: '调休上班',
      width: 220,
      render: (_, y) =>
        y.makeUpWorkdays.length === 0 ? (
          <span className="jz-muted">—</span>
        ) : (
          <Space size={[4, 4]} wrap>
            {y.makeUpWorkdays.map((d) => (
              <Tag key={d.date} color="blue">
                {shortDate(d.date)}
              </Tag>
            ))}
          </Space>
        ),
    },
    {
      title: '依据',
      dataIndex: 'source',
      width: 220,
      render: (source: string) => <span className="jz-small">{source}</span>,
    },
    {
      title: '更新',
      width: 170,
      render: (_, y) =>
        y.origin === 'built_in' ? (
          <span className="jz-muted jz-small">随系统发布</span>
        ) : (
          <span className="jz-small">
            {y.updatedBy}
            <br />
            {y.updatedAt ? formatDateTime(locale, y.updatedAt) : ''}
          </span>
        ),
    },
    {
      title: '操作',
      width: 90,
      render: (_, y) => (
        <Button
          type="link"
          size="small"
          onClick={() => setEditing({ year: y.year, data: y })}
          data-testid={`calendar-edit-${y.year}`}
        >
          {y.loaded ? '编辑' : '加载'}
        </Button>
      ),
    },
  ];

  return (
    <Card
      title="工作日历（法定节假日与调休）"
      data-testid="calendar-admin"
      extra={
        <Space>
          <InputNumber
            min={calendarLimits.minYear}
            max={calendarLimits.maxYear}
            placeholder="年份"
            value={newYear}
            onChange={(value) => setNewYear(value)}
            style={{ width: 100 }}
          />
          <Button
            icon={<PlusOutlined />}
            disabled={newYear === null}
            onClick={() => {
              if (newYear === null) return;
              setEditing({ year: newYear, data: list?.years.find((y) => y.year === newYear) ?? null });
            }}
          >
            新增年份
          </Button>
        </Space>
      }
    >
      {missing.length > 0 ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="calendar-missing"
          title={`${missing.map((y) => `${y} 年`).join('、')}的节假日和调休安排尚未加载`}
          description={
            <Space orientation="vertical" size={4}>
              <span>
                时限落在该年的案件暂按周一至周五估算，在案件列表和案件页上标为“待定”。请在国务院办公厅发布《关于
                {missing[0]}年部分节假日安排的通知》后加载，已有案件的时限会随之重算。
              </span>
              <span>
                {missing.map((year) => (
                  <Button
                    key={year}
                    type="primary"
                    size="small"
                    style={{ marginRight: 8 }}
                    onClick={() =>
                      setEditing({ year, data: list?.years.find((y) => y.year === year) ?? null })
                    }
                    data-testid={`calendar-load-${year}`}
                  >
                    加载 {year} 年安排
                  </Button>
                ))}
              </span>
            </Space>
          }
        />
      ) : null}
      {list ? (
        <p className="jz-muted jz-small" style={{ marginTop: 0 }}>
          办公时间：每个工作日 {list.officeHours.map((s) => `${s.start}–${s.end}`).join('、')}
          。工作时、工作日时限只计这些时间；紧急工作时和自然日不受节假日影响。
        </p>
      ) : null}
      {years.error ? <ErrorState error={years.error} onRetry={years.reload} /> : null}
      <Table<CalendarYear>
        rowKey="year"
        size="small"
        columns={columns}
        dataSource={list?.years ?? []}
        loading={years.loading && !list}
        pagination={false}
        data-testid="calendar-table"
      />
      {editing ? (
        <YearForm
          year={editing.year}
          data={editing.data}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            years.reload();
          }}
        />
      ) : null}
    </Card>
  );
}

function YearForm({
  year,
  data,
  onClose,
  onSaved,
}: {
  year: number;
  data: CalendarYear | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const pickerLocale = usePickerLocale();
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const outsideYear = (day: Dayjs) => day.year() !== year;
  const initialValues: FormValues = {
    loaded: true,
    source: data?.loaded ? data.source : `国务院办公厅关于${year}年部分节假日安排的通知`,
    holidays: (data?.holidays ?? []).map((h) => ({ name: h.name, range: [dayjs(h.from), dayjs(h.to)] })),
    makeUpWorkdays: (data?.makeUpWorkdays ?? []).map((d) => ({ name: d.name, date: dayjs(d.date) })),
  };

  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setErrors([]);
    try {
      await saveCalendarYear(year, {
        loaded: values.loaded,
        source: values.source.trim(),
        holidays: values.loaded
          ? (values.holidays ?? []).map((h) => ({
              name: h.name.trim(),
              from: h.range[0].format(DATE),
              to: h.range[1].format(DATE),
            }))
          : [],
        makeUpWorkdays: values.loaded
          ? (values.makeUpWorkdays ?? []).map((d) => ({ name: d.name.trim(), date: d.date.format(DATE) }))
          : [],
      });
      message.success(`${year} 年工作日历已保存，相关案件时限已重算`);
      onSaved();
    } catch (caught) {
      const listed =
        caught instanceof ApiError
          ? (caught.details as { errors?: string[] } | undefined)?.errors
          : undefined;
      setErrors(
        listed?.length
          ? listed
          : [caught instanceof ApiError ? `${caught.message}（${caught.code}）` : String(caught)],
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={680}
      title={`${year} 年节假日安排`}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'calendar-save' }}
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        data-testid="calendar-form"
      >
        <Space align="start" wrap>
          <Form.Item name="loaded" label="已发布安排" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item
            name="source"
            label="依据（通知名称、文号）"
            rules={[{ required: true, whitespace: true, message: '请填写依据' }]}
            style={{ width: 460 }}
          >
            <Input maxLength={calendarLimits.maxSourceLength} />
          </Form.Item>
        </Space>
        <Form.Item noStyle shouldUpdate={(a, b) => a.loaded !== b.loaded}>
          {({ getFieldValue }) =>
            getFieldValue('loaded') ? (
              <>
                <div className="jz-form-section">法定节假日（含其中的周末，起止日均放假）</div>
                <Form.List name="holidays">
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((field) => (
                        <Space key={field.key} align="start">
                          <Form.Item
                            name={[field.name, 'name']}
                            rules={[{ required: true, whitespace: true, message: '名称' }]}
                          >
                            <Input
                              placeholder="如 春节"
                              maxLength={calendarLimits.maxNameLength}
                              style={{ width: 150 }}
                            />
                          </Form.Item>
                          <Form.Item
                            name={[field.name, 'range']}
                            rules={[{ required: true, message: '起止日期' }]}
                          >
                            <DatePicker.RangePicker
                              locale={pickerLocale}
                              disabledDate={outsideYear}
                              defaultPickerValue={[dayjs(`${year}-01-01`), dayjs(`${year}-01-01`)]}
                            />
                          </Form.Item>
                          <Button
                            icon={<DeleteOutlined />}
                            aria-label="删除"
                            onClick={() => remove(field.name)}
                          />
                        </Space>
                      ))}
                      <Button
                        type="dashed"
                        icon={<PlusOutlined />}
                        onClick={() => add({ name: '', range: undefined })}
                        disabled={fields.length >= calendarLimits.maxHolidays}
                      >
                        添加节假日
                      </Button>
                    </>
                  )}
                </Form.List>
                <div className="jz-form-section">调休上班（周六、周日上班）</div>
                <Form.List name="makeUpWorkdays">
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((field) => (
                        <Space key={field.key} align="start">
                          <Form.Item
                            name={[field.name, 'name']}
                            rules={[{ required: true, whitespace: true, message: '所属节日' }]}
                          >
                            <Input
                              placeholder="所属节日"
                              maxLength={calendarLimits.maxNameLength}
                              style={{ width: 150 }}
                            />
                          </Form.Item>
                          <Form.Item
                            name={[field.name, 'date']}
                            rules={[{ required: true, message: '日期' }]}
                          >
                            <DatePicker
                              locale={pickerLocale}
                              disabledDate={(day) => outsideYear(day) || (day.day() !== 0 && day.day() !== 6)}
                              defaultPickerValue={dayjs(`${year}-01-01`)}
                            />
                          </Form.Item>
                          <Button
                            icon={<DeleteOutlined />}
                            aria-label="删除"
                            onClick={() => remove(field.name)}
                          />
                        </Space>
                      ))}
                      <Button
                        type="dashed"
                        icon={<PlusOutlined />}
                        onClick={() => add({ name: '', date: undefined })}
                        disabled={fields.length >= calendarLimits.maxMakeUpDays}
                      >
                        添加调休上班日
                      </Button>
                    </>
                  )}
                </Form.List>
              </>
            ) : (
              <Alert
                type="warning"
                showIcon
                title="未发布：该年不列日期，时限落在该年的案件按周一至周五估算并标为待定。"
              />
            )
          }
        </Form.Item>
        {errors.length > 0 ? (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 12 }}
            title="未保存"
            description={
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {errors.map((error) => (
                  <li key={error}>{error}</li>
                ))}
              </ul>
            }
            data-testid="calendar-errors"
          />
        ) : null}
      </Form>
    </Modal>
  );
}
