// A certificate fingerprint in monospace, grouped into short lines for comparing by eye, with a Copy button.
#pragma once

#include <QWidget>

class QLabel;

namespace otter::ui {

class FingerprintView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FingerprintView)

public:
    explicit FingerprintView(QWidget *parent = nullptr);

    // Accepts any separator and case; shows colon-separated upper-case hex, eight bytes per line.
    void setFingerprint(const QString &fingerprint);
    // The fingerprint as one line (what Copy puts on the clipboard).
    QString fingerprint() const { return m_fingerprint; }
    QString displayedText() const;

    static QString normalised(const QString &fingerprint);
    static QString grouped(const QString &fingerprint);

private:
    QString m_fingerprint;
    QLabel *m_text = nullptr;
};

} // namespace otter::ui
