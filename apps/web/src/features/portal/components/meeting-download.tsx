import { useTranslation } from 'react-i18next';
import { type IcsMeeting, icsFileName, meetingIcs } from '../api/meeting-ics';

/** A button that hands the meeting to the person's calendar as an .ics file, made here in the browser. */
export function MeetingDownload({ meeting }: { meeting: IcsMeeting }) {
  const { t } = useTranslation();
  const download = () => {
    const file = new Blob([meetingIcs(meeting, new Date(), window.location.hostname || 'accord')], { type: 'text/calendar;charset=utf-8' });
    const url = URL.createObjectURL(file);
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = icsFileName(meeting);
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
    // Revoked on the next tick: the click has started the download by then.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };
  return (
    <button type="button" onClick={download} aria-label={t('portal.addToCalendarFor', { title: meeting.title })}>
      {t('portal.addToCalendar')}
    </button>
  );
}
