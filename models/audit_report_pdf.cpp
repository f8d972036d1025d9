// AuditReport's HTML and PDF: a QTextDocument printed to a QPdfWriter (works without a window system).
#include "models/audit_report.h"

#include "core/audit_chain.h"

#include <QAbstractTextDocumentLayout>
#include <QCoreApplication>
#include <QFont>
#include <QLocale>
#include <QPdfWriter>
#include <QTextDocument>

using namespace Qt::StringLiterals;

namespace otter::models {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("otter::models::AuditReport", text);
}

QString utc(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(u"yyyy-MM-dd HH:mm:ss 'UTC'"_s) : tr("—");
}

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QString lineTable(const QList<AuditReportLine> &lines, qint64 omitted, const QString &empty)
{
    if (lines.isEmpty())
        return u"<p>%1</p>"_s.arg(esc(empty));
    // Short columns never wrap (a split action name misreads; the time gets its own two lines); objects and
    // comments take what is left.
    QString html =
        u"<table width='100%' cellspacing='0' cellpadding='3' border='1' style='border-collapse: "
        u"collapse'><tr><th>%1</th><th>%2</th><th>%3</th><th>%4</th><th>%5</th><th>%6</th></tr>"_s.arg(
            esc(tr("Seq")), esc(tr("Time (UTC)")), esc(tr("Who")), esc(tr("Action")), esc(tr("Object")),
            esc(tr("Comment")));
    for (const AuditReportLine &line : lines) {
        html += u"<tr><td nowrap>%1</td><td nowrap>%2</td><td nowrap>%3</td><td nowrap>%4</td><td>%5</td>"
                u"<td>%6</td></tr>"_s.arg(
                    QString::number(line.seq), line.time.toUTC().toString(u"yyyy-MM-dd'<br/>'HH:mm:ss"_s),
                    esc(line.actor), esc(line.action), esc(line.object), esc(line.comment));
    }
    html += u"</table>"_s;
    if (omitted > 0)
        html += u"<p>%1</p>"_s.arg(
            esc(tr("… and %1 more (the CSV export lists every entry).").arg(QLocale().toString(omitted))));
    return html;
}

} // namespace

QString AuditReport::html() const
{
    const QLocale locale;
    QString html = u"<html><body style='font-size: 8pt'>"_s;
    html += u"<h1>%1</h1>"_s.arg(esc(tr("Otter audit compliance report")));
    const QList<QPair<QString, QString>> facts{
        {tr("Period"), tr("%1 to %2").arg(utc(periodStart), utc(periodEnd))},
        {tr("Entries"), tr("%1 (%2)").arg(locale.toString(entries), filter.describe())},
        {tr("Chain head"), tr("entry %1").arg(chainHeadSeq)},
        {tr("Chain status"), chainStatus.isEmpty() ? tr("not checked") : chainStatus},
        {tr("Cache synced"), syncedAt.isValid() ? utc(syncedAt) : tr("never: the cache was not synced")},
        {tr("Generated"), utc(generatedAt)},
    };
    html += u"<table cellspacing='0' cellpadding='2'>"_s;
    for (const auto &[label, value] : facts)
        html += u"<tr><td><b>%1</b></td><td>%2</td></tr>"_s.arg(esc(label), esc(value));
    html += u"</table>"_s;
    // On its own line in a fixed font so that it can be compared character by character.
    html += u"<p><b>%1</b><br/><span style='font-family: monospace'>%2</span></p>"_s.arg(
        esc(tr("Chain head hash (of the whole log)")), esc(chainHead));

    html += u"<h2>%1</h2>"_s.arg(esc(tr("Rollout outcomes")));
    if (rollouts.isEmpty()) {
        html += u"<p>%1</p>"_s.arg(esc(tr("No rollout appears in this period.")));
    } else {
        html += u"<table width='100%' cellspacing='0' cellpadding='3' border='1' style='border-collapse: "
                u"collapse'><tr><th>%1</th><th>%2</th><th>%3</th></tr>"_s.arg(
                    esc(tr("Rollout")), esc(tr("State")), esc(tr("Outcome")));
        for (const AuditReportRollout &rollout : rollouts)
            html += u"<tr><td>%1<br/><small>%2</small></td><td>%3</td><td>%4</td></tr>"_s.arg(
                esc(rollout.name), esc(rollout.id), esc(rollout.state), esc(rollout.outcome));
        html += u"</table>"_s;
    }
    html += u"<h2>%1</h2>"_s.arg(esc(tr("Who approved and started what")));
    html +=
        lineTable(decisions, decisionsOmitted, tr("No approvals, starts or other decisions in this period."));
    html += u"<h2>%1</h2>"_s.arg(esc(tr("Failures and rollbacks")));
    html +=
        lineTable(failures, failuresOmitted, tr("No failures, automatic pauses or aborts in this period."));
    html += u"</body></html>"_s;
    return html;
}

Result<void> AuditReport::writePdf(QIODevice *device) const
{
    QPdfWriter writer(device);
    writer.setTitle(tr("Otter audit compliance report"));
    writer.setCreator(u"otter-console"_s);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(18, 15, 18, 15), QPageLayout::Millimeter);
    // Laid out for the PDF's own resolution: text measured on the screen comes out wider in print and
    // would break short columns mid-word.
    QTextDocument document;
    // No ligatures: "fl" drawn as one glyph comes out of the PDF as U+FB02, and a search of the report for a
    // rollout or device name would miss it.
    QFont font = document.defaultFont();
    font.setStyleStrategy(QFont::PreferNoShaping);
    document.setDefaultFont(font);
    document.documentLayout()->setPaintDevice(&writer);
    document.setHtml(html());
    document.setPageSize(QSizeF(writer.width(), writer.height()));
    document.print(&writer);
    return {};
}

} // namespace otter::models
