// ReleaseSourceForm: two radio choices; the fields of the unchosen one are disabled, not hidden, so the
// dialog keeps its size while the operator switches.
#include "ui/dialogs/release_source_form.h"

#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace otter::ui {

ReleaseSourceForm::ReleaseSourceForm(QWidget *parent)
    : QWidget(parent)
    , m_bundleMode(new QRadioButton(tr("Signed release bundle (.otb)"), this))
    , m_signMode(new QRadioButton(tr("Image and a local signing key — sign it now"), this))
    , m_bundle(new QLineEdit(this))
    , m_image(new QLineEdit(this))
    , m_key(new QLineEdit(this))
    , m_version(new QLineEdit(this))
    , m_securityVersion(new QLineEdit(this))
    , m_classes(new QLineEdit(this))
    , m_vendor(new QLineEdit(u"otter"_s, this))
{
    m_bundleMode->setObjectName(u"bundleMode"_s);
    m_signMode->setObjectName(u"signMode"_s);
    m_bundle->setObjectName(u"bundlePath"_s);
    m_bundle->setPlaceholderText(tr("release.otb, as otter-sign wrote it"));
    m_image->setObjectName(u"imagePath"_s);
    m_key->setObjectName(u"keyPath"_s);
    m_key->setPlaceholderText(tr("private key PEM (never sent to otterd)"));
    m_version->setObjectName(u"version"_s);
    m_version->setPlaceholderText(tr("e.g. 2.5.0"));
    m_securityVersion->setObjectName(u"securityVersion"_s);
    m_securityVersion->setPlaceholderText(tr("whole number, never lower than the last release's"));
    m_classes->setObjectName(u"hardwareClasses"_s);
    m_classes->setPlaceholderText(tr("comma-separated, e.g. gw-200, gw-300"));
    m_vendor->setObjectName(u"vendor"_s);

    m_bundleRow =
        pathRow(m_bundle, tr("Choose a Release Bundle"), tr("Release bundles (*.otb);;All files (*)"));
    m_signFields = new QWidget(this);
    auto *form = new QFormLayout(m_signFields);
    form->setContentsMargins(24, 0, 0, 0);
    form->addRow(tr("Image:"), pathRow(m_image, tr("Choose a Firmware Image"), tr("All files (*)")));
    form->addRow(tr("Signing key:"), pathRow(m_key, tr("Choose a Private Signing Key"),
                                             tr("PEM keys (*.pem *.key);;All files (*)")));
    form->addRow(tr("Version:"), m_version);
    form->addRow(tr("Security version:"), m_securityVersion);
    form->addRow(tr("Hardware classes:"), m_classes);
    form->addRow(tr("Vendor:"), m_vendor);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_bundleMode);
    auto *bundleIndent = new QHBoxLayout;
    bundleIndent->setContentsMargins(24, 0, 0, 0);
    bundleIndent->addWidget(m_bundleRow);
    layout->addLayout(bundleIndent);
    layout->addWidget(m_signMode);
    layout->addWidget(m_signFields);

    m_bundleMode->setChecked(true);
    for (QRadioButton *radio : {m_bundleMode, m_signMode})
        connect(radio, &QRadioButton::toggled, this, [this] {
            updateEnabled();
            emit changed();
        });
    for (QLineEdit *edit : {m_bundle, m_image, m_key, m_version, m_securityVersion, m_classes, m_vendor})
        connect(edit, &QLineEdit::textChanged, this, &ReleaseSourceForm::changed);
    updateEnabled();
}

QWidget *ReleaseSourceForm::pathRow(QLineEdit *edit, const QString &title, const QString &filter)
{
    auto *row = new QWidget(this);
    auto *browse = new QPushButton(tr("Browse…"), row);
    browse->setObjectName(edit->objectName() + u"Browse"_s);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    layout->addWidget(browse);
    connect(browse, &QPushButton::clicked, this, [this, edit, title, filter] {
        const QString path = QFileDialog::getOpenFileName(this, title, edit->text(), filter);
        if (!path.isEmpty())
            edit->setText(path);
    });
    return row;
}

void ReleaseSourceForm::updateEnabled()
{
    m_bundleRow->setEnabled(m_bundleMode->isChecked());
    m_signFields->setEnabled(m_signMode->isChecked());
}

ReleaseSourceForm::Mode ReleaseSourceForm::mode() const
{
    return m_signMode->isChecked() ? Mode::SignImage : Mode::Bundle;
}

void ReleaseSourceForm::setMode(Mode mode)
{
    (mode == Mode::SignImage ? m_signMode : m_bundleMode)->setChecked(true);
}

QString ReleaseSourceForm::bundlePath() const
{
    return m_bundle->text().trimmed();
}

void ReleaseSourceForm::setBundlePath(const QString &path)
{
    m_bundle->setText(path);
}

ReleaseSigningInput ReleaseSourceForm::signingInput() const
{
    ReleaseSigningInput input;
    input.imagePath = m_image->text().trimmed();
    input.keyPath = m_key->text().trimmed();
    input.version = m_version->text().trimmed();
    input.securityVersion = m_securityVersion->text().trimmed();
    for (const QString &part : m_classes->text().split(u','))
        if (!part.trimmed().isEmpty())
            input.hardwareClasses.append(part.trimmed());
    input.vendor = m_vendor->text().trimmed();
    return input;
}

void ReleaseSourceForm::setSigningInput(const ReleaseSigningInput &input)
{
    m_image->setText(input.imagePath);
    m_key->setText(input.keyPath);
    m_version->setText(input.version);
    m_securityVersion->setText(input.securityVersion);
    m_classes->setText(input.hardwareClasses.join(u", "_s));
    m_vendor->setText(input.vendor);
}

QString ReleaseSourceForm::validationError() const
{
    if (mode() == Mode::Bundle)
        return bundlePath().isEmpty() ? tr("Choose the release bundle (.otb) to upload.") : QString();
    const ReleaseSigningInput input = signingInput();
    if (input.imagePath.isEmpty())
        return tr("Choose the firmware image to sign.");
    if (input.keyPath.isEmpty())
        return tr("Choose the private key to sign with.");
    if (input.version.isEmpty())
        return tr("Version is required (semantic versioning, e.g. 2.5.0).");
    bool numeric = false;
    const qint64 securityVersion = input.securityVersion.toLongLong(&numeric);
    if (!numeric || securityVersion < 0)
        return tr("Security version must be a whole number of 0 or more, not \"%1\".")
            .arg(input.securityVersion);
    if (input.hardwareClasses.isEmpty())
        return tr("Name at least one hardware class.");
    if (input.vendor.isEmpty())
        return tr("Vendor is required.");
    return {};
}

} // namespace otter::ui
