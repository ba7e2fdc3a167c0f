import { ErrorCode, errorTable } from '../core/http/api-error.js';

export const auditErrors = errorTable({
  unavailable: {
    code: ErrorCode.AuditUnavailable,
    ja: () => '監査ログに記録できないため、この操作を行えません。しばらくしてから再試行してください',
    en: () => 'the audit log cannot be written, so this is refused; try again shortly',
  },
});
