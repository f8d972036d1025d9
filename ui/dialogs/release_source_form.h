// ReleaseSourceForm: where a release comes from — a signed .otb bundle, or an image with a local signing
// key and the manifest fields, signed on the spot.
#pragma once

#include <QStringList>
#include <QWidget>

class QLineEdit;
class QRadioButton;

namespace otter::ui {

struct ReleaseSigningInput
{
    QString imagePath;
    QString keyPath;
    QString version;
    QString securityVersion; // text as typed; checked by validationError()
    QStringList hardwareClasses;
    QString vendor;
};

class ReleaseSourceForm final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReleaseSourceForm)

public:
    enum class Mode { Bundle, SignImage };

    explicit ReleaseSourceForm(QWidget *parent = nullptr);

    Mode mode() const;
    void setMode(Mode mode);
    QString bundlePath() const;
    void setBundlePath(const QString &path);
    ReleaseSigningInput signingInput() const;
    void setSigningInput(const ReleaseSigningInput &input);
    // The first missing or malformed field, named, or empty when the form can be checked.
    QString validationError() const;

signals:
    void changed();

private:
    QWidget *pathRow(QLineEdit *edit, const QString &title, const QString &filter);
    void updateEnabled();

    QRadioButton *m_bundleMode = nullptr;
    QRadioButton *m_signMode = nullptr;
    QLineEdit *m_bundle = nullptr;
    QLineEdit *m_image = nullptr;
    QLineEdit *m_key = nullptr;
    QLineEdit *m_version = nullptr;
    QLineEdit *m_securityVersion = nullptr;
    QLineEdit *m_classes = nullptr;
    QLineEdit *m_vendor = nullptr;
    QWidget *m_signFields = nullptr;
    QWidget *m_bundleRow = nullptr;
};

} // namespace otter::ui
