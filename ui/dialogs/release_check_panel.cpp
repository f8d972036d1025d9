// ReleaseCheckPanel: facts in a form, the verdict in a tinted line below with the check's name in bold.
#include "ui/dialogs/release_check_panel.h"

#include "ui/pages/semantic_colors.h"
#include "ui/shell/icons.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace otter::ui {

namespace {

const char *const FactNames[] = {"file",        "size",      "version", "securityVersion", "hardwareClasses",
                                 "imageSha256", "signerKey", "trusted"};

} // namespace

ReleaseCheckPanel::ReleaseCheckPanel(QWidget *parent)
    : QWidget(parent)
    , m_form(new QFormLayout)
    , m_hashing(new QProgressBar(this))
{
    m_form->setLabelAlignment(Qt::AlignLeft);
    m_form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    addFact(tr("File:"), u"file"_s);
    addFact(tr("Size:"), u"size"_s);
    addFact(tr("Version:"), u"version"_s);
    addFact(tr("Security version:"), u"securityVersion"_s);
    addFact(tr("Hardware classes:"), u"hardwareClasses"_s);
    QLabel *sha = addFact(tr("Image SHA-256:"), u"imageSha256"_s);
    sha->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    QLabel *signer = addFact(tr("Signer key id:"), u"signerKey"_s);
    signer->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    // A hash has no spaces to wrap at: make room for all 64 hex digits instead of clipping them.
    for (QLabel *hash : {sha, signer}) {
        hash->setWordWrap(false);
        hash->setMinimumWidth(QFontMetrics(hash->font()).horizontalAdvance(QString(64, u'0')));
    }
    addFact(tr("Trusted by otterd:"), u"trusted"_s);

    m_hashing->setRange(0, 1000);
    m_hashing->setFormat(tr("Verifying… %p%"));
    m_hashing->hide();

    m_verdictRow = new QWidget(this);
    m_verdictIcon = new QLabel(m_verdictRow);
    m_verdictIcon->setAlignment(Qt::AlignTop);
    m_verdict = new QLabel(m_verdictRow);
    m_verdict->setObjectName(u"verdict"_s);
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *verdictLayout = new QHBoxLayout(m_verdictRow);
    verdictLayout->setContentsMargins(0, 6, 0, 0);
    verdictLayout->addWidget(m_verdictIcon);
    verdictLayout->addWidget(m_verdict, 1);
    m_verdictRow->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_form);
    layout->addWidget(m_hashing);
    layout->addWidget(m_verdictRow);
    clear();
}

QLabel *ReleaseCheckPanel::addFact(const QString &label, const QString &objectName)
{
    auto *value = new QLabel(this);
    value->setObjectName(objectName);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setWordWrap(true);
    m_form->addRow(label, value);
    return value;
}

void ReleaseCheckPanel::clear()
{
    for (const char *name : FactNames)
        findChild<QLabel *>(QLatin1StringView(name))->setText(u"—"_s);
    m_hashing->hide();
    m_verdictRow->hide();
}

void ReleaseCheckPanel::showChecking(qint64 doneBytes, qint64 totalBytes)
{
    m_verdictRow->hide();
    m_hashing->show();
    m_hashing->setValue(totalBytes > 0 ? int(double(doneBytes) / double(totalBytes) * 1000) : 0);
}

void ReleaseCheckPanel::showCheck(const ReleasePrecheck &check)
{
    m_hashing->hide();
    const QLocale locale;
    const auto set = [this](const char *name, const QString &text) {
        findChild<QLabel *>(QLatin1StringView(name))->setText(text.isEmpty() ? u"—"_s : text);
    };
    set("file", check.fileName);
    set("size", check.fileSize < 0
                    ? QString()
                    : tr("%1 (%2 bytes)")
                          .arg(locale.formattedDataSize(check.fileSize), locale.toString(check.fileSize)));
    set("version", check.version);
    set("securityVersion", check.securityVersion < 0 ? QString() : QString::number(check.securityVersion));
    set("hardwareClasses", check.hardwareClasses.join(u", "_s));
    set("imageSha256", check.imageSha256.isEmpty() ? QString()
                       : check.imageVerified       ? check.imageSha256
                                                   : tr("%1 (claimed, not verified)").arg(check.imageSha256));
    set("signerKey", check.signerKeyId);
    QString trusted;
    if (check.signerTrusted)
        trusted = tr("yes — active key \"%1\"").arg(check.signerKeyName);
    else if (check.failure == PrecheckFailure::KeyRevoked)
        trusted = tr("no — key \"%1\" was revoked").arg(check.signerKeyName);
    else if (!check.signerKeyId.isEmpty())
        trusted = tr("no — not among otterd's trusted keys");
    set("trusted", trusted);
    if (check.passed())
        setVerdict(true, tr("Verified"),
                   tr("Signature, image SHA-256 and version rules check out against otterd's trusted keys "
                      "and releases. Ready to upload."));
    else
        setVerdict(false, tr("Refused: %1 check failed").arg(check.failedCheck), check.message);
}

void ReleaseCheckPanel::showRefusal(const QString &failedCheck, const QString &message)
{
    m_hashing->hide();
    setVerdict(false,
               failedCheck.isEmpty() ? tr("Upload failed") : tr("Refused: %1 check failed").arg(failedCheck),
               message);
}

void ReleaseCheckPanel::setVerdict(bool ok, const QString &title, const QString &message)
{
    const QColor colour = semanticColor(ok ? Semantic::Success : Semantic::Error, palette());
    const int side = fontMetrics().height() * 2;
    m_verdictIcon->setPixmap(
        themedIcon(ok ? u"shield"_s : u"warning"_s, colour).pixmap(QSize(side, side), devicePixelRatioF()));
    m_verdict->setText(u"<b style='color:%1'>%2</b><br>%3"_s.arg(colour.name(), title.toHtmlEscaped(),
                                                                 message.toHtmlEscaped()));
    m_verdictPlain = title + u'\n' + message;
    m_verdictRow->show();
}

QString ReleaseCheckPanel::verdictText() const
{
    return m_verdictRow->isHidden() ? QString() : m_verdictPlain;
}

QString ReleaseCheckPanel::factText(const QString &objectName) const
{
    const auto *label = findChild<QLabel *>(objectName);
    return label ? label->text() : QString();
}

} // namespace otter::ui
