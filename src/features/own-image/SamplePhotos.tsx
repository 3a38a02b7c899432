import { useId } from 'react';
import { SAMPLE_PHOTOS, sampleLabel, sampleUrl } from './samplePhotos';

export interface SamplePhotosProps {
  /** the photo's absolute URL, to load like a picture given by address */
  onPick(url: string): void;
}

/** "Try a photo": the sample photos as small thumbnail buttons. */
export function SamplePhotos({ onPick }: SamplePhotosProps) {
  const headingId = useId();
  return (
    <div className="ae-sample-photos" role="group" aria-labelledby={headingId}>
      <span id={headingId} className="ae-sample-photos__title">
        Try a photo
      </span>
      <ul>
        {SAMPLE_PHOTOS.map((photo) => (
          <li key={photo.file}>
            <button
              type="button"
              className="ae-sample-photos__button"
              aria-label={sampleLabel(photo)}
              title={sampleLabel(photo)}
              data-testid={`sample-photo-${photo.file}`}
              onClick={() => onPick(sampleUrl(photo.file, import.meta.env.BASE_URL))}
            >
              <img
                src={sampleUrl(photo.thumb, import.meta.env.BASE_URL)}
                alt=""
                width={48}
                height={48}
              />
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
