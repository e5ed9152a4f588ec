/**
 * Photos for one return line, from the phone's camera or its album. Each photo is
 * shrunk on the phone when large (a faster upload on mobile data) and uploaded at once.
 */
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { portalApi } from '../portal-api.ts';
import { errorText } from '../portal-util.ts';
import { CameraIcon, CloseIcon, ImageIcon } from './icons.tsx';

export type PickedPhoto = { key: string; previewUrl: string; status: 'uploading' | 'done' | 'error'; id?: string; error?: string };

export type PhotoPickerProps = {
  photos: PickedPhoto[];
  max: number;
  maxBytes: number;
  required: boolean;
  invalid?: boolean;
  describedBy?: string;
  onChange: (update: (photos: PickedPhoto[]) => PickedPhoto[]) => void;
};

async function shrink(file: File): Promise<Blob> {
  if (!/^image\/(jpeg|png|webp)$/.test(file.type) || file.size < 1_500_000 || typeof createImageBitmap !== 'function') return file;
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, 2048 / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    return blob && blob.size < file.size ? blob : file;
  } catch {
    return file;
  }
}

export function PhotoPicker({ photos, max, maxBytes, required, invalid, describedBy, onChange }: PhotoPickerProps) {
  const { t } = useTranslation('portal');
  const cameraInput = useRef<HTMLInputElement>(null);
  const albumInput = useRef<HTMLInputElement>(null);
  const labelId = useId();
  const urls = useRef(new Set<string>());
  useEffect(() => {
    const owned = urls.current;
    return () => {
      for (const url of owned) URL.revokeObjectURL(url);
    };
  }, []);

  const add = (files: FileList | null) => {
    for (const file of Array.from(files ?? []).slice(0, Math.max(0, max - photos.length))) {
      const key = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
      const previewUrl = URL.createObjectURL(file);
      urls.current.add(previewUrl);
      onChange((current) => [...current, { key, previewUrl, status: 'uploading' }]);
      void (async () => {
        try {
          const body = await shrink(file);
          if (body.size > maxBytes) throw new Error(t('apply.photoTooBig', { mb: Math.floor(maxBytes / 1024 / 1024) }));
          const uploaded = await portalApi.uploadPhoto(body, file.name || 'photo.jpg');
          onChange((current) => current.map((p) => (p.key === key ? { ...p, status: 'done', id: uploaded.id } : p)));
        } catch (error) {
          const message = error instanceof Error && !('status' in error) ? error.message : errorText(t, error);
          onChange((current) => current.map((p) => (p.key === key ? { ...p, status: 'error', error: message } : p)));
        }
      })();
    }
  };

  return (
    <fieldset className="pt-photos" aria-describedby={describedBy} aria-invalid={invalid}>
      <legend id={labelId} className="pt-field-label">
        {required ? t('apply.photosRequired') : t('apply.photosOptional')}
        <span className="pt-muted pt-small"> {t('apply.photoCount', { count: photos.length, max })}</span>
      </legend>
      <div className="pt-photo-grid">
        {photos.map((photo, i) => (
          <div key={photo.key} className={`pt-photo pt-photo-${photo.status}`}>
            <img
              src={photo.previewUrl}
              alt={t('apply.photoAlt', { n: i + 1 })}
              onError={(e) => {
                e.currentTarget.style.visibility = 'hidden';
              }}
            />
            {photo.status === 'uploading' && <span className="pt-photo-state">{t('apply.uploading')}</span>}
            {photo.status === 'error' && (
              <span className="pt-photo-state" role="alert">
                {photo.error}
              </span>
            )}
            <button
              type="button"
              className="pt-photo-remove"
              aria-label={t('apply.removePhoto', { n: i + 1 })}
              onClick={() => onChange((current) => current.filter((p) => p.key !== photo.key))}
            >
              <CloseIcon size={14} />
            </button>
          </div>
        ))}
        {photos.length < max && (
          <>
            <button type="button" className="pt-photo-add" onClick={() => cameraInput.current?.click()}>
              <CameraIcon size={22} />
              <span>{t('apply.takePhoto')}</span>
            </button>
            <button type="button" className="pt-photo-add" onClick={() => albumInput.current?.click()}>
              <ImageIcon size={22} />
              <span>{t('apply.fromAlbum')}</span>
            </button>
          </>
        )}
      </div>
      <input
        ref={cameraInput}
        className="pt-visually-hidden"
        type="file"
        accept="image/*"
        capture="environment"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => {
          add(e.target.files);
          e.target.value = '';
        }}
      />
      <input
        ref={albumInput}
        className="pt-visually-hidden"
        type="file"
        accept="image/jpeg,image/png,image/webp,image/heic,image/heif"
        multiple
        tabIndex={-1}
        aria-hidden="true"
        data-testid="photo-album-input"
        onChange={(e) => {
          add(e.target.files);
          e.target.value = '';
        }}
      />
    </fieldset>
  );
}
