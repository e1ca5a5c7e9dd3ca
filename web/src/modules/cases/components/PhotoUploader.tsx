import { PlusOutlined } from '@ant-design/icons';
import { Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../../app/api.ts';
import { uploadCasePhoto } from '../api/cases.api.ts';

const MAX_PHOTOS = 9;

interface PhotoUploaderProps {
  /** The ids of the photos uploaded so far, in order. */
  onChange: (photoIds: string[]) => void;
  testId?: string;
}

/**
 * Evidence photos for a move (one to nine): each is uploaded at once to POST /api/cases/photos,
 * which re-encodes it without metadata; the move then names them by id.
 */
export function PhotoUploader({ onChange, testId }: PhotoUploaderProps) {
  const [files, setFiles] = useState<UploadFile<{ id: string }>[]>([]);
  const report = (next: UploadFile<{ id: string }>[]) => {
    setFiles(next);
    onChange(next.flatMap((f) => (f.status === 'done' && f.response ? [f.response.id] : [])));
  };
  return (
    <div data-testid={testId}>
      <Upload<{ id: string }>
        listType="picture-card"
        accept="image/*"
        multiple
        maxCount={MAX_PHOTOS}
        fileList={files}
        onChange={({ fileList }) => report(fileList)}
        customRequest={({ file, onSuccess, onError }) => {
          uploadCasePhoto(file as Blob, (file as File).name || 'photo.jpg').then(
            (photo) => onSuccess?.({ id: photo.id }),
            (error: unknown) =>
              onError?.(
                error instanceof ApiError ? new Error(`${error.message}（${error.code}）`) : (error as Error),
              ),
          );
        }}
      >
        {files.length >= MAX_PHOTOS ? null : (
          <button type="button" className="jz-upload-button">
            <PlusOutlined />
            <div>照片</div>
          </button>
        )}
      </Upload>
    </div>
  );
}
