import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Select, Upload } from 'antd';
import { useState } from 'react';
import type {
  Crs,
  ImportFeatureCollection,
  ImportFeatureError,
  LegacyLayer,
  LegacyLayerCreate,
} from '#contracts';
import { territoryLimits } from '#contracts/limits.ts';
import { useI18n } from '../../../app/i18n.ts';
import { createLegacyLayer } from '../api/legacy-layers.api.ts';
import { featureErrorsOf, parseFeatureCollection, readFileText } from '../featureErrors.ts';

interface FormValues {
  department: string;
  name: string;
  codeProperty: string;
  nameProperty: string;
  crs: Crs;
}

interface ChosenFile {
  name: string;
  collection: ImportFeatureCollection;
}

const crsOptions: readonly Crs[] = ['wgs84', 'gcj02', 'bd09'];

export interface ImportFailure {
  message: string;
  /** The server's per-feature report, when the file was refused feature by feature. */
  featureErrors: ImportFeatureError[] | null;
}

interface LegacyUploadFormProps {
  onCreated: (layer: LegacyLayer) => void;
  /** A refused import (null when a new attempt starts); shown by the page at full width. */
  onFailure: (failure: ImportFailure | null) => void;
}

/** Department, layer name, property names, CRS and a GeoJSON file read in the browser → POST. */
export function LegacyUploadForm({ onCreated, onFailure }: LegacyUploadFormProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const chooseFile = async (chosen: File) => {
    setFile(null);
    onFailure(null);
    try {
      const parsed = parseFeatureCollection(await readFileText(chosen));
      if (parsed.ok) {
        setFile({ name: chosen.name, collection: parsed.collection });
        setFileError(null);
      } else if (parsed.reason === 'not_json') {
        setFileError(t('legacy.fileNotJson', { name: chosen.name, error: parsed.detail }));
      } else {
        setFileError(t('legacy.fileNotCollection', { name: chosen.name }));
      }
    } catch {
      setFileError(t('legacy.fileUnreadable', { name: chosen.name }));
    }
  };

  const submit = async (values: FormValues) => {
    if (!file) {
      setFileError((current) => current ?? t('legacy.fileRequired'));
      return;
    }
    const body: LegacyLayerCreate = { ...values, featureCollection: file.collection };
    setSubmitting(true);
    onFailure(null);
    try {
      const layer = await createLegacyLayer(body);
      void message.success(t('legacy.imported', { name: layer.name }));
      form.resetFields();
      setFile(null);
      onCreated(layer);
    } catch (error) {
      onFailure({
        message: error instanceof Error ? error.message : String(error),
        featureErrors: featureErrorsOf(error),
      });
    } finally {
      setSubmitting(false);
    }
  };

  const required = { required: true, whitespace: true, message: t('legacy.required') };
  return (
    <div data-testid="legacy-upload" className="jz-upload">
      <Form<FormValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ codeProperty: 'code', nameProperty: 'name', crs: 'wgs84' }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item name="department" label={t('legacy.department')} rules={[required]}>
          <Input
            maxLength={territoryLimits.maxNameLength}
            placeholder="市卫生健康局"
            data-testid="legacy-department"
          />
        </Form.Item>
        <Form.Item name="name" label={t('legacy.layerName')} rules={[required]}>
          <Input maxLength={territoryLimits.maxNameLength} placeholder="计生网格" data-testid="legacy-name" />
        </Form.Item>
        <div className="jz-form-pair">
          <Form.Item name="codeProperty" label={t('legacy.codeProperty')} rules={[required]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="nameProperty" label={t('legacy.nameProperty')} rules={[required]}>
            <Input maxLength={50} />
          </Form.Item>
        </div>
        <Form.Item name="crs" label={t('legacy.crs')}>
          <Select options={crsOptions.map((crs) => ({ value: crs, label: t(`legacy.crs.${crs}`) }))} />
        </Form.Item>
        <Form.Item label={t('legacy.file')} required>
          <Upload
            accept=".geojson,.json,application/geo+json,application/json"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(chosen) => {
              void chooseFile(chosen);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} data-testid="legacy-file-button">
              {t('legacy.chooseFile')}
            </Button>
          </Upload>
          {file ? (
            <div className="jz-file-chosen" data-testid="legacy-file-chosen">
              {t('legacy.fileRead', { name: file.name, n: file.collection.features.length })}
            </div>
          ) : null}
          {fileError ? (
            <Alert
              className="jz-file-error"
              type="error"
              showIcon
              title={fileError}
              data-testid="legacy-file-error"
            />
          ) : null}
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={submitting} block data-testid="legacy-submit">
          {t('legacy.submit')}
        </Button>
      </Form>
    </div>
  );
}
