import { fail, pass } from '../shared/outcome';
import { z } from 'zod';
import { defineCheck } from './model';
import { ZDomainList } from './params';

export const domainNotReserved = defineCheck({
  id: 'domain-not-reserved',
  title: { zh: '业务领域不属于全市统筹领域', en: 'Domain not reserved for city-wide building' },
  description: {
    zh: '项目的业务领域不在 domains 之列为 PASS，在其列为 FAIL',
    en: "PASS when the project's domain is not one of `domains`, FAIL when it is",
  },
  params: z.strictObject({ domains: ZDomainList }),
  sources: [],
  evaluate: ({ project }, { domains }) => {
    const list = domains.join('、');
    if (domains.includes(project.domain)) {
      return fail(
        `县市区项目（区划 ${project.region}）的业务领域为“${project.domain}”，属于全市统筹、协同建设的重点领域（${list}），县市区不得单独组织实施`,
        `County project (division ${project.region}) in the domain "${project.domain}", a key domain built city-wide (${list}): a county may not build it alone`,
      );
    }
    return pass(
      `县市区项目（区划 ${project.region}）的业务领域为“${project.domain}”，不属于全市统筹的重点领域（${list}）`,
      `County project (division ${project.region}) in the domain "${project.domain}", not a key domain built city-wide (${list})`,
    );
  },
});
