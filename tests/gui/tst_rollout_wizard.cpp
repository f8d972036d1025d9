// The rollout wizard driven page by page: the release and name, the target groups with their counts, the
// window, the stages with the server's rules checked while typing (an error blocks Next and names the
// stage), the failure policy, and the pre-flight — asked for online, explained offline — ending in "Create"
// or "Create and submit". Every page is rendered to dialog-rollouts-wizard-*.png.
#include "rollout_samples.h"

#include "ui/dialogs/rollout_wizard.h"
#include "ui/dialogs/rollout_wizard_policy_page.h"
#include "ui/dialogs/rollout_wizard_release_page.h"
#include "ui/dialogs/rollout_wizard_stages_page.h"
#include "ui/dialogs/rollout_wizard_summary_page.h"
#include "ui/dialogs/rollout_wizard_window_page.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStyleFactory>
#include <QTest>
#include <QTextBrowser>

using namespace otter;
using namespace otter::ui;
using namespace otter::ui::testing;

namespace {

void saveShot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("OTTER_SCREENSHOT_DIR", QStringLiteral(OTTER_SCREENSHOT_DIR));
    QDir().mkpath(dir);
    QCoreApplication::processEvents();
    QVERIFY2(widget->grab().save(QDir(dir).filePath(QStringLiteral("dialog-rollouts-%1.png").arg(name))),
             qPrintable(name));
}

} // namespace

class TestRolloutWizard final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void walkThroughAndSubmit();
    void stageRules_data();
    void stageRules();
    void offlinePreflightExplainsItself();

private:
    void fill();
    std::unique_ptr<RolloutWizard> m_wizard;
    QList<models::ReleaseRecord> m_releases;
};

void TestRolloutWizard::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    m_releases = {sampleRelease(QStringLiteral("2.5.0"), 1), sampleRelease(QStringLiteral("2.4.1"), 9)};
}

void TestRolloutWizard::init()
{
    m_wizard = std::make_unique<RolloutWizard>();
    m_wizard->setReleases(m_releases);
    m_wizard->setGroups(sampleGroupChoices());
    m_wizard->setWindows({berlinNightWindow()});
    m_wizard->setOnline(true);
    m_wizard->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_wizard.get()));
}

void TestRolloutWizard::cleanup()
{
    m_wizard.reset();
}

void TestRolloutWizard::walkThroughAndSubmit()
{
    QSignalSpy previews(m_wizard.get(), &RolloutWizard::previewRequested);
    QSignalSpy created(m_wizard.get(), &RolloutWizard::createRequested);
    QVERIFY(previews.isValid() && created.isValid());
    QAbstractButton *next = m_wizard->button(QWizard::NextButton);

    // Release: nothing chosen yet, so no way on; choosing one suggests a name.
    QVERIFY(!m_wizard->releasePage()->isComplete());
    QVERIFY(m_wizard->releasePage()->selectRelease(m_releases.first().id));
    QCOMPARE(m_wizard->releasePage()->nameEdit()->text(), QStringLiteral("fw 2.5.0"));
    m_wizard->releasePage()->nameEdit()->setText(QStringLiteral("fw 2.5.0 canary"));
    QVERIFY(next->isEnabled());
    saveShot(m_wizard.get(), QStringLiteral("wizard-1-release"));
    m_wizard->next();

    // Targets: at least one group; the total says how many devices that is at most.
    QCOMPARE(m_wizard->currentId(), int(RolloutWizard::TargetsPageId));
    QVERIFY(!next->isEnabled());
    const auto groups = sampleGroupChoices();
    QVERIFY(m_wizard->targetsPage()->setGroupChecked(groups[0].group.id, true));
    QVERIFY(m_wizard->targetsPage()->setGroupChecked(groups[1].group.id, true));
    QVERIFY(next->isEnabled());
    const qint64 total = groups[0].deviceCount + groups[1].deviceCount;
    QVERIFY2(m_wizard->targetsPage()->totalText().contains(QLocale().toString(total)),
             qPrintable(m_wizard->targetsPage()->totalText()));
    saveShot(m_wizard.get(), QStringLiteral("wizard-2-targets"));
    m_wizard->next();

    // Window: "none" is the explicit default; choose the Berlin night window.
    QCOMPARE(m_wizard->windowPage()->windowId(), QString());
    QVERIFY(m_wizard->windowPage()->selectWindow(berlinNightWindow().id));
    saveShot(m_wizard.get(), QStringLiteral("wizard-3-window"));
    m_wizard->next();

    // Stages: the server's default plan, then an error shown and fixed.
    RolloutWizardStagesPage *stages = m_wizard->stagesPage();
    QCOMPARE(stages->stageCount(), 5);
    QCOMPARE(stages->stages().last().cumulativePercent, 100);
    stages->setStage(2, 5, 60, 95);
    QVERIFY(!next->isEnabled());
    QVERIFY2(stages->problemText().contains(QStringLiteral("Stage 3")), qPrintable(stages->problemText()));
    saveShot(m_wizard.get(), QStringLiteral("wizard-4-stages-error"));
    stages->setStage(2, 25, 120, 97.5);
    QVERIFY(next->isEnabled());
    QVERIFY(stages->problemText().isEmpty());
    stages->addStage();
    QCOMPARE(stages->stageCount(), 6);
    QVERIFY(next->isEnabled()); // the new stage lands between 50 and 100
    stages->removeStage(4);
    QCOMPARE(stages->stageCount(), 5);
    saveShot(m_wizard.get(), QStringLiteral("wizard-4-stages"));
    m_wizard->next();

    // Failure policy with its sentence.
    m_wizard->policyPage()->setPolicy(2.5, 40);
    QVERIFY2(m_wizard->policyPage()->explanation().contains(QStringLiteral("40")),
             qPrintable(m_wizard->policyPage()->explanation()));
    saveShot(m_wizard.get(), QStringLiteral("wizard-5-policy"));
    m_wizard->next();

    // Pre-flight: asked for with the whole draft; the answer is shown.
    QCOMPARE(m_wizard->currentId(), int(RolloutWizard::SummaryPageId));
    QCOMPARE(previews.size(), 1);
    const auto draft = previews.first().first().value<models::RolloutRecord>();
    QCOMPARE(draft.releaseId, m_releases.first().id);
    QCOMPARE(draft.targetGroupIds, QStringList({groups[0].group.id, groups[1].group.id}));
    QCOMPARE(draft.windowId, berlinNightWindow().id);
    QCOMPARE(draft.stages.size(), 5);
    QCOMPARE(draft.stages[2].minSoakSeconds, qint64(7200));
    QCOMPARE(draft.maxFailurePercent, 2.5);
    QCOMPARE(draft.minFinished, quint32(40));
    QVERIFY(m_wizard->summaryPage()->statusText().contains(QStringLiteral("Asking")));
    m_wizard->setPreview(samplePreview());
    QVERIFY(m_wizard->summaryPage()->hasPreview());
    const QString html = m_wizard->summaryPage()->preflightView()->toPlainText();
    QVERIFY2(html.contains(QStringLiteral("1,198")) && html.contains(QStringLiteral("hardware class")),
             qPrintable(html));
    QVERIFY(m_wizard->createAndSubmitButton()->isVisible() && m_wizard->createAndSubmitButton()->isEnabled());
    QVERIFY(m_wizard->createButton()->isVisible());
    saveShot(m_wizard.get(), QStringLiteral("wizard-6-preflight"));

    m_wizard->createAndSubmitButton()->click();
    QCOMPARE(created.size(), 1);
    QCOMPARE(created.first().at(1).toBool(), true);
    QCOMPARE(created.first().first().value<models::RolloutRecord>().name, QStringLiteral("fw 2.5.0 canary"));
    QVERIFY(!m_wizard->isVisible());
}

void TestRolloutWizard::stageRules_data()
{
    QTest::addColumn<QList<int>>("percents");
    QTest::addColumn<int>("soakMinutes");
    QTest::addColumn<QString>("problem");
    QTest::newRow("valid") << QList<int>{1, 10, 100} << 0 << QString();
    QTest::newRow("not increasing") << QList<int>{10, 10, 100} << 0
                                    << QStringLiteral("Stage 2: 10 % must be more than");
    QTest::newRow("last not 100") << QList<int>{10, 50, 90} << 0
                                  << QStringLiteral("must cover 100 %, not 90 %");
    QTest::newRow("zero") << QList<int>{0, 100} << 0 << QStringLiteral("Stage 1: 0 % is outside 1 to 100 %");
    QTest::newRow("soak over 30 days")
        << QList<int>{50, 100} << 43201 << QStringLiteral("between 0 and 30 days");
    QTest::newRow("soak exactly 30 days") << QList<int>{50, 100} << 43200 << QString();
}

void TestRolloutWizard::stageRules()
{
    QFETCH(QList<int>, percents);
    QFETCH(int, soakMinutes);
    QFETCH(QString, problem);
    QList<models::RolloutStageRecord> plan;
    for (const int percent : percents)
        plan.append({percent, 0, 95});
    RolloutWizardStagesPage *stages = m_wizard->stagesPage();
    stages->setStages(plan);
    stages->setStage(0, percents.first(), soakMinutes, 95);
    QCOMPARE(stages->isComplete(), problem.isEmpty());
    QVERIFY2(problem.isEmpty() ? stages->problemText().isEmpty() : stages->problemText().contains(problem),
             qPrintable(stages->problemText()));
}

void TestRolloutWizard::offlinePreflightExplainsItself()
{
    m_wizard->setOnline(false);
    QSignalSpy previews(m_wizard.get(), &RolloutWizard::previewRequested);
    QSignalSpy created(m_wizard.get(), &RolloutWizard::createRequested);
    QVERIFY(m_wizard->releasePage()->selectRelease(m_releases.last().id));
    m_wizard->next();
    QVERIFY(m_wizard->targetsPage()->setGroupChecked(sampleGroupChoices().first().group.id, true));
    for (int page = RolloutWizard::TargetsPageId; page < RolloutWizard::SummaryPageId; ++page)
        m_wizard->next();
    QCOMPARE(m_wizard->currentId(), int(RolloutWizard::SummaryPageId));
    QCOMPARE(previews.size(), 0);
    QVERIFY2(m_wizard->summaryPage()->statusText().contains(QStringLiteral("pre-flight needs the server")),
             qPrintable(m_wizard->summaryPage()->statusText()));
    QVERIFY(m_wizard->createButton()->isEnabled());
    saveShot(m_wizard.get(), QStringLiteral("wizard-6-preflight-offline"));
    m_wizard->createButton()->click();
    QCOMPARE(created.size(), 1);
    QCOMPARE(created.first().at(1).toBool(), false);
}

QTEST_MAIN(TestRolloutWizard)
#include "tst_rollout_wizard.moc"
