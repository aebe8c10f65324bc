//! Every string the page shows that is not part of the ruleset or the field table, in Chinese and
//! English, in one place.

use crate::engine::Status;
use crate::inputs::FieldGroup;
use crate::rules::{Binding, Group};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Picks the string for this language.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// A UI string in both languages.
pub struct T(pub &'static str, pub &'static str);

impl T {
    pub fn get(&self, lang: Lang) -> &'static str {
        lang.pick(self.0, self.1)
    }
}

pub const TITLE: T = T("民政规划指标测算器", "Civil Affairs Targets Calculator");
pub const PLAN: T = T(
    "依据《辽宁省民政事业发展第十四个五年规划》（2021—2025年）",
    "Based on the Liaoning Province Civil Affairs 14th Five-Year Plan (2021–2025)",
);
pub const INTRO: T = T(
    "填写本地人口、区划和现有配置，逐项查看规划要求、现状、差距和规划原文依据。所有计算在本机完成，不上传任何数据。",
    "Enter your locality's population, divisions and current provision to see, norm by norm, what the plan requires, what you have, the gap, and the plan's own words. Everything is computed on this device; nothing is uploaded.",
);
pub const SWITCH_LANG: T = T("English", "中文");
pub const SWITCH_LANG_LABEL: T = T("Switch to English", "切换到中文");
pub const ELDER_MODE: T = T("长辈模式", "Large text (长辈模式)");
pub const RESET: T = T("清空重填", "Reset");
pub const UNDO: T = T("撤销", "Undo");
pub const RESET_DONE: T = T("已清空所有数据。", "Every figure was cleared.");
pub const RESTORED: T = T("已恢复。", "Restored.");
pub const COPY_LINK: T = T("复制分享链接", "Copy share link");
pub const COPIED: T = T("链接已复制", "Link copied");
pub const COPY_FAILED: T =
    T("无法自动复制，请手动复制地址栏中的链接", "Could not copy automatically: copy the address bar link");
pub const PRINT: T = T("打印报告", "Print report");
pub const INPUTS: T = T("基础数据", "Your figures");
pub const RESULTS: T = T("测算结果", "Targets");
pub const REQUIRED: T = T("规划要求", "Required");
pub const CURRENT: T = T("现有", "Current");
pub const GAP: T = T("差距", "Gap");
pub const BASIS: T = T("依据", "Basis");
pub const FORMULA: T = T("计算过程", "Working");
pub const CITATION: T = T("出处", "Citation");
pub const DEADLINE: T = T("期限", "Deadline");
pub const NOTE: T = T("说明", "Note");
pub const LOCAL_STANDARD: T = T("本地标准", "Local standard");
pub const PLAN_VALUE: T = T("规划值", "Plan value");
pub const PARAMS: T = T("参数（可按本地标准调整）", "Parameters (adjust for a local standard)");
pub const INDICATIVE: T = T(
    "参考值：规划只定全省总量，此为按人口比例分摊",
    "Indicative: the plan sets only the province total; this is a population-share apportionment",
);
pub const APPROXIMATE: T = T("约数，无硬性下限", "Approximate: no hard bound");
pub const MISSING: T = T("缺少：", "Needs: ");
pub const DEFAULT_FROM: T = T("默认值来源：", "Default from: ");
pub const CHART_TITLE: T = T("现有配置达标程度（现有 ÷ 要求）", "Provision against requirement (current ÷ required)");
pub const CHART_EMPTY: T = T(
    "在结果中填写“现有”数值后，这里显示达标程度。",
    "Enter current values in the results to see how far each target is met.",
);
pub const SUMMARY: T = T(
    "达标 {met} 项，未达标 {unmet} 项，待填 {unknown} 项，缺少输入 {missing} 项",
    "{met} met, {unmet} unmet, {unknown} awaiting current values, {missing} missing inputs",
);
pub const NO_STORAGE: T = T(
    "本浏览器不允许保存数据：刷新后需重新填写（分享链接仍可保存全部数据）",
    "This browser does not allow saving: figures will not survive a reload (the share link still keeps them)",
);
/// A link value over `fragment::MAX_VALUE_CHARS`: `{fields}` names the fields left out.
pub const TOO_LONG: T = T(
    "链接中以下数据过长（超过 1000 个字符），未能读入：{fields}。",
    "Left out of the link, too long (over 1,000 characters): {fields}.",
);
pub const QUOTED: T = T("「{name}」", "“{name}”");
pub const SAVED_TITLE: T = T("本机保存的地区", "Saved on this computer");
pub const SAVED_EMPTY: T =
    T("尚无保存的地区，填写的数据会自动保存在本机。", "Nothing saved yet; what you enter is saved here as you type.");
pub const UNNAMED: T = T("未命名地区", "Unnamed");
pub const NEW_ENTRY: T = T("新建地区", "New locality");
pub const DELETE: T = T("删除", "Delete");
pub const EDITING: T = T("正在编辑", "On this page");
/// An entry's name and how it began, for the list and the notices (`{name}`, `{time}` month-day hour:minute).
pub const LINK_LABEL: T = T("{name}（链接 {time}）", "{name} (link {time})");
pub const COPY_LABEL: T = T("{name}（副本 {time}）", "{name} (copy {time})");
pub const OPEN_ENTRY: T = T("打开「{label}」", "Open “{label}”");
pub const DELETE_ENTRY: T = T("删除「{label}」", "Delete “{label}”");
pub const LINK_KEPT_APART: T = T(
    "链接中「{name}」的数据与本机保存的不同，已另存为「{label}」。",
    "The link's figures for “{name}” differ from yours: kept as “{label}”.",
);
pub const OPEN_OWN: T = T("打开本机的「{name}」", "Open your “{name}”");
pub const FORKED: T = T(
    "「{name}」已在另一个标签页中修改，本页的数据另存为「{label}」。",
    "“{name}” was changed in another tab: this tab's figures are kept as “{label}”.",
);
pub const OPEN_OTHER: T = T("打开另一标签页的版本", "Open the other tab's version");
pub const DELETE_CONFIRM: T =
    T("从本机删除「{label}」的数据？删除后无法恢复。", "Delete “{label}” from this computer? This cannot be undone.");
pub const CANNOT_SWITCH: T = T(
    "本页数据未能保存，请先复制分享链接。",
    "The figures on this page could not be saved: copy the share link first.",
);
pub const ERROR_SHOWN: T = T(
    "计算出错，请刷新页面。您填写的数据已保存在链接中。",
    "Something went wrong; please reload. Your figures are kept in the link.",
);
pub const FOOTER: T = T(
    "数字均按规划原文精确计算（十进制定点数）；人数、机构数等最低数量一律向上取整。本工具不联网，不收集数据。",
    "Figures are computed exactly from the plan's wording (decimal arithmetic); minimum counts of people and institutions are rounded up. This tool makes no network requests and collects no data.",
);
pub const REPORT_DATE: T = T("报告日期：", "Report date: ");
pub const LOCALITY: T = T("地区：", "Locality: ");
pub const BINDING_TAG: T = T("约束性", "Binding");
pub const EXPECTED_TAG: T = T("预期性", "Expected");
pub const EMBED_CODE: T = T("嵌入代码", "Embed code");
pub const EMBED_HINT: T = T(
    "把下面任一段代码粘贴到贵站网页中，即可嵌入本测算器（含当前填写的数据）。建议把本站文件复制到贵站同一目录下自行托管。",
    "Paste either snippet into a page of your site to embed this calculator with the figures entered now. Hosting a copy of these files on your own site is recommended.",
);
pub const EMBED_ELEMENT: T = T("自定义元素 <minzheng-calc>（推荐）", "Custom element <minzheng-calc> (recommended)");
pub const EMBED_IFRAME: T = T("iframe（自动调整高度）", "iframe (auto height)");
pub const ABOUT: T = T("约", "about");
pub const RANGE_TO: T = T("至", "to");

pub fn status(status: Status) -> T {
    match status {
        Status::Met => T("达标", "Met"),
        Status::Unmet => T("未达标", "Unmet"),
        Status::Unknown => T("待填", "Enter current"),
        Status::MissingInput => T("缺少输入", "Missing input"),
    }
}

pub fn binding(binding: Binding) -> Option<T> {
    match binding {
        Binding::Binding => Some(BINDING_TAG),
        Binding::Expected => Some(EXPECTED_TAG),
        Binding::None => None,
    }
}

pub fn group(group: Group) -> T {
    match group {
        Group::BasicLivelihood => T("基本民生保障", "Basic livelihood support"),
        Group::GrassrootsGovernance => T("基层社会治理", "Community-level governance"),
        Group::SocialServices => T("基本社会服务", "Basic social services"),
        Group::Eldercare => T("养老服务", "Eldercare services"),
    }
}

pub fn field_group(group: FieldGroup) -> T {
    match group {
        FieldGroup::Population => T("人口", "Population"),
        FieldGroup::Divisions => T("行政区划", "Administrative divisions"),
        FieldGroup::Facilities => T("设施", "Facilities"),
        FieldGroup::Standards => T("保障标准", "Standards and wages"),
        FieldGroup::ProvinceBase => T("分摊基数", "Apportioning bases"),
    }
}
