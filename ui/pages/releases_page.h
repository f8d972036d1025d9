// ReleasesPage: the signed releases the server holds, with the selected release's manifest facts and
// whether otterd still trusts its signers; an "Upload Release…" action; and the trusted keys on a
// second tab.
#pragma once

#include "ui/pages/record_list_page.h"

#include <QHash>
#include <QStringList>

class QPushButton;
class QTabWidget;

namespace otter::ui {

class TrustedKeysPane;

// Rows carry models::ReleaseRecord in RecordRole.
class ReleasesPage final : public RecordListPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReleasesPage)

public:
    enum Tab { ReleasesTab, KeysTab };

    explicit ReleasesPage(QWidget *parent = nullptr);

    QPushButton *uploadButton() const { return m_upload; }
    TrustedKeysPane *keysPane() const { return m_keys; }
    QTabWidget *tabs() const { return m_tabs; }
    void showTab(Tab tab);
    // Uploading needs the operator role; `why` explains a disabled button.
    void setCanUpload(bool canUpload, const QString &why);
    // Rollout names by release id, shown in the release's details.
    void setRolloutsByRelease(const QHash<QString, QStringList> &rollouts);

signals:
    void uploadRequested();

protected:
    QString describeRecord(const QVariant &record) const override;
    QString recordId(const QVariant &record) const override;

private:
    QString signerText(const QStringList &keyIds) const;

    QTabWidget *m_tabs = nullptr;
    QPushButton *m_upload = nullptr;
    TrustedKeysPane *m_keys = nullptr;
    QHash<QString, QStringList> m_rollouts;
};

} // namespace otter::ui
