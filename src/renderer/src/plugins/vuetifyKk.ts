import { ru } from 'vuetify/locale';

/**
 * Vuetify ships no Kazakh: its Russian texts with the strings FairDesk's screens show (tables,
 * pagination, dialogs, loading) translated. Anything not overridden stays Russian, which every
 * Kazakh-speaking user of a career centre reads.
 */
export const kk = {
  ...ru,
  open: 'Ашу',
  close: 'Жабу',
  dismiss: 'Жабу',
  noDataText: 'Деректер жоқ',
  loading: 'Жүктелуде...',
  dataIterator: { noResultsText: 'Сәйкес жазбалар табылмады', loadingText: 'Жүктелуде...' },
  dataTable: {
    ...ru.dataTable,
    itemsPerPageText: 'Беттегі жолдар:',
    sortBy: 'Сұрыптау',
    ariaLabel: {
      ...ru.dataTable.ariaLabel,
      sortDescending: 'Кему ретімен сұрыпталған.',
      sortAscending: 'Өсу ретімен сұрыпталған.',
      sortNone: 'Сұрыпталмаған.',
      activateNone: 'Сұрыптауды алып тастау үшін басыңыз.',
      activateDescending: 'Кему ретімен сұрыптау үшін басыңыз.',
      activateAscending: 'Өсу ретімен сұрыптау үшін басыңыз.',
    },
  },
  dataFooter: {
    ...ru.dataFooter,
    itemsPerPageText: 'Беттегі жазбалар:',
    itemsPerPageAll: 'Барлығы',
    nextPage: 'Келесі бет',
    prevPage: 'Алдыңғы бет',
    firstPage: 'Бірінші бет',
    lastPage: 'Соңғы бет',
    pageText: '{0}-{1} / {2}',
  },
  pagination: {
    ...ru.pagination,
    ariaLabel: {
      ...ru.pagination.ariaLabel,
      root: 'Беттер бойынша навигация',
      next: 'Келесі бет',
      previous: 'Алдыңғы бет',
      page: '{0}-бетке өту',
      currentPage: '{0}-бет, ағымдағы бет',
      first: 'Бірінші бет',
      last: 'Соңғы бет',
    },
  },
  input: { ...ru.input, clear: '{0} тазарту' },
};
