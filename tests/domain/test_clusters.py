"""聚集性预警 (SPEC §8, A11): per class by placement, same 症状, one open day or three consecutive open days."""
from datetime import date
from types import SimpleNamespace

from tuoyu_desktop.domain.clusters import cluster_alerts, cluster_days, find_clusters
from tuoyu_desktop.domain.opendays import OpenDays
from tuoyu_desktop.domain.policy import ClusterRule, HealthRule
from tuoyu_desktop.domain.register import Mark, class_finder

RULE = HealthRule()
CAL = OpenDays()
MON = date(2025, 10, 13)


def everyone_in(class_id):
    return lambda child_id, day: class_id


def sick(child, day, symptom="发热"):
    return Mark(child, day, "病假", symptom)


def test_three_children_of_one_class_off_with_fever_on_one_day_fire_an_alert_to_report_within_24_hours():
    marks = [sick(1, MON), sick(2, MON), sick(3, MON)]
    [c] = find_clusters(marks, everyone_in(7), [MON], CAL, RULE)
    assert (c.class_id, c.day, c.symptom, c.children) == (7, MON, "发热", (1, 2, 3))
    [alert] = cluster_alerts([c], {7: "向日葵班"})
    assert alert.group == "聚集性预警" and "向日葵班" in alert.text and "24小时内报告" in alert.text
    assert "学校和托幼机构传染病疫情报告工作规范" in alert.text and alert.target_id == 7


def test_two_children_with_fever_and_one_with_cough_are_not_a_cluster():
    marks = [sick(1, MON), sick(2, MON), sick(3, MON, "咳嗽")]
    assert find_clusters(marks, everyone_in(7), [MON], CAL, RULE) == []


def test_three_children_with_fever_in_two_classes_are_not_a_cluster():
    marks = [sick(1, MON), sick(2, MON), sick(3, MON)]
    assert find_clusters(marks, lambda child, day: 7 if child < 3 else 8, [MON], CAL, RULE) == []


def test_personal_leave_does_not_count_towards_a_cluster():
    marks = [sick(1, MON), sick(2, MON), Mark(3, MON, "事假")]
    assert find_clusters(marks, everyone_in(7), [MON], CAL, RULE) == []


def test_five_children_over_three_open_days_across_national_day_fire_but_not_over_four():
    # open days: Mon 9-29, Tue 9-30, (holiday 10-1…10-8), Thu 10-9, Fri 10-10
    d1, d2, d3, d4 = date(2025, 9, 29), date(2025, 9, 30), date(2025, 10, 9), date(2025, 10, 10)
    marks = [sick(1, d1), sick(2, d1), sick(3, d2), sick(4, d3), sick(5, d3)]
    days = CAL.between(date(2025, 9, 29), date(2025, 10, 10))
    found = find_clusters(marks, everyone_in(7), days, CAL, RULE)
    assert [(c.day, c.children) for c in found] == [(d3, (1, 2, 3, 4, 5))]
    assert found[0].window  # not the same-day rule: at most 2 on any one day
    # moved one day later the first two fall outside "that day and the 2 open days before it"
    later = [sick(1, d1), sick(2, d1), sick(3, d2), sick(4, d4), sick(5, d4)]
    assert find_clusters(later, everyone_in(7), CAL.between(d1, d4), CAL, RULE) == []


def test_the_same_child_sick_three_days_running_counts_once_in_the_three_day_rule():
    days = [MON, date(2025, 10, 14), date(2025, 10, 15)]
    marks = [sick(1, d) for d in days] + [sick(2, MON), sick(3, days[1]), sick(4, days[2])]
    assert find_clusters(marks, everyone_in(7), days, CAL, RULE) == []  # 4 distinct children


def test_a_class_day_counts_once_in_a11_even_with_two_symptoms_clustering():
    marks = [sick(i, MON) for i in (1, 2, 3)] + [sick(i, MON, "腹泻") for i in (4, 5, 6)]
    found = find_clusters(marks, everyone_in(7), [MON], CAL, RULE)
    assert len(found) == 2 and cluster_days(found, MON, MON) == 1


def placed(child_id, class_id, start, end=None):
    return SimpleNamespace(child_id=child_id, class_id=class_id, start_on=start, end_on=end)


def test_a_child_counts_in_the_class_they_were_placed_in_that_day():
    tue = date(2025, 10, 14)
    start = date(2025, 9, 1)
    moved_monday = class_finder([placed(1, 7, start), placed(2, 7, start), placed(3, 8, start, MON),
                                 placed(3, 7, MON)])
    assert moved_monday(3, date(2025, 10, 10)) == 8 and moved_monday(3, MON) == 7 and moved_monday(9, MON) is None
    marks = [sick(1, MON), sick(2, MON), sick(3, MON)]
    assert [c.class_id for c in find_clusters(marks, moved_monday, [MON], CAL, RULE)] == [7]
    moved_tuesday = class_finder([placed(1, 7, start), placed(2, 7, start), placed(3, 8, start, tue),
                                  placed(3, 7, tue)])
    assert find_clusters(marks, moved_tuesday, [MON], CAL, RULE) == []


def test_five_children_with_diarrhoea_friday_monday_tuesday_fire_on_tuesday_across_the_weekend():
    fri, mon, tue = date(2025, 10, 17), date(2025, 10, 20), date(2025, 10, 21)
    marks = [sick(1, fri, "腹泻"), sick(2, fri, "腹泻"), sick(3, mon, "腹泻"), sick(4, tue, "腹泻"),
             sick(5, tue, "腹泻"), sick(1, mon, "腹泻")]
    found = find_clusters(marks, everyone_in(7), CAL.between(fri, tue), CAL, RULE)
    assert [(c.day, c.first_day, c.children, c.window) for c in found] == [(tue, fri, (1, 2, 3, 4, 5), True)]
    assert "10月17日至10月21日有5名幼儿" in cluster_alerts(found, {7: "小一班"})[0].text


def test_a_stricter_profile_threshold_of_two_children_fires_on_two():
    strict = HealthRule(cluster=ClusterRule(same_day_children=2))
    assert len(find_clusters([sick(1, MON), sick(2, MON)], everyone_in(7), [MON], CAL, strict)) == 1


def test_a_day_without_new_sick_leave_still_counts_while_its_window_holds_five_children():
    """SPEC §8 A11: a (class, open day) counts when ≥ 5 distinct children have a same-症状 病假 over
    that day and the 2 open days before it — the day itself need not add one."""
    tue, wed, thu = date(2025, 10, 14), date(2025, 10, 15), date(2025, 10, 16)
    marks = [sick(c, MON, "咳嗽") for c in (1, 2, 3)] + [sick(c, tue, "咳嗽") for c in (4, 5)]
    days = [MON, tue, wed, thu]
    clusters = find_clusters(marks, everyone_in(7), days, CAL, RULE)
    # Mon: 3 that day; Tue: 5 over Mon–Tue; Wed: 5 over Mon–Wed; Thu: only 2 over Tue–Thu
    assert [c.day for c in clusters] == [MON, tue, wed]
    assert cluster_days(clusters, MON, thu) == 3
